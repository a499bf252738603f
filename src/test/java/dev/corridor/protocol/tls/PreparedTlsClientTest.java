package dev.corridor.protocol.tls;

import static dev.corridor.protocol.tls.TestPki.CA;
import static dev.corridor.protocol.tls.TestPki.CLIENT_RSA;
import static dev.corridor.protocol.tls.TestPki.CLOCK;
import static dev.corridor.protocol.tls.TestPki.RANDOM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.Pem;
import dev.corridor.profile.TlsSettings;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A client TLS configuration read and checked once, then used for several sessions. */
class PreparedTlsClientTest {
    private static TlsSettings settings(String keyPem) {
        return new TlsSettings(Pem.certificate(CA.caCertificate()),
                Optional.of(Pem.certificate(CLIENT_RSA.certificate())), Optional.of(keyPem), false, Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                true, Optional.empty(), Optional.empty(), "1.2", Optional.empty());
    }

    @Test
    void oneReadingServesSeveralHandshakes() {
        PreparedTlsClient prepared = PreparedTlsClient.prepare(settings(Pem.privateKey(CLIENT_RSA.privateKey())),
                new char[0]);
        assertThat(prepared.failure()).isEmpty();
        assertThat(prepared.toString()).isEqualTo("PreparedTlsClient[ready]");
        PreparedTlsServer server = PreparedTlsServer.prepare(TestPki.server(TestPki.SERVER,
                ClientCertificatePolicy.REQUIRED, TlsVersionRange.DEFAULT));
        for (int i = 0; i < 2; i++) {
            TlsEndpoint client = prepared.newSession(CLOCK, RANDOM);
            TlsEndpoint serverEnd = server.newSession(CLOCK, RANDOM);
            TestPki.shuttle(client, serverEnd);
            assertThat(client.handshakeComplete()).isTrue();
            assertThat(serverEnd.session().orElseThrow().peer().orElseThrow().commonName()).isEqualTo("alice");
        }
    }

    @Test
    void anUnusableConfigurationFailsEverySessionWithItsReason() {
        PreparedTlsClient mismatched = PreparedTlsClient.prepare(settings(Pem.privateKey(TestPki.SERVER.privateKey())),
                new char[0]);
        assertThat(mismatched.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
        assertThat(mismatched.failure().orElseThrow().message())
                .isEqualTo("the private key does not belong to the certificate \"CN=alice\"");
        for (int i = 0; i < 2; i++) {
            TlsEndpoint session = mismatched.newSession(CLOCK, RANDOM);
            assertThat(session.state()).isEqualTo(TlsEndpoint.State.FAILED);
            assertThat(session.failure()).isEqualTo(mismatched.failure());
            assertThat(session.drainCiphertext()).isEmpty();
        }

        PreparedTlsClient noCa = PreparedTlsClient.prepare(new TlsClientConfig(List.of(), List.of(),
                Optional.of(TestPki.credentials(CLIENT_RSA)), true, Optional.empty(), TlsVersionRange.DEFAULT));
        assertThat(noCa.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.BAD_CONFIGURATION);
        assertThat(noCa.newSession(CLOCK, RANDOM).failure()).isEqualTo(noCa.failure());
    }
}
