package dev.corridor.protocol.tls;

import static dev.corridor.protocol.tls.TestPki.CLIENT_EC;
import static dev.corridor.protocol.tls.TestPki.CLIENT_RSA;
import static dev.corridor.protocol.tls.TestPki.SERVER;
import static dev.corridor.protocol.tls.TestPki.SERVER_EC;
import static dev.corridor.protocol.tls.TestPki.credentials;
import static dev.corridor.protocol.tls.TestPki.shuttle;
import static dev.corridor.protocol.tls.TestPki.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.IssuedCertificate;
import dev.corridor.protocol.Role;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Client and server endpoints shuttled in memory: versions, suites, certificates, data, closing. */
class TlsEndpointHandshakeTest {
    private static final TlsVersionRange ONLY_12 = new TlsVersionRange(TlsVersion.TLS_1_2, TlsVersion.TLS_1_2);
    private static final TlsVersionRange ONLY_13 = new TlsVersionRange(TlsVersion.TLS_1_3, TlsVersion.TLS_1_3);

    static TlsVersionRange only(TlsVersion version) {
        return version == TlsVersion.TLS_1_2 ? ONLY_12 : ONLY_13;
    }

    @Test
    void defaultClientAndServerAgreeOnTls13WithAes256() {
        TlsEndpoint client = start(TestPki.client());
        TlsEndpoint server = start(TestPki.server());
        assertThat(client.state()).isEqualTo(TlsEndpoint.State.HANDSHAKING);
        assertThat(client.handshakeComplete()).isFalse();

        shuttle(client, server);

        assertThat(client.failure()).isEmpty();
        assertThat(server.failure()).isEmpty();
        assertThat(client.handshakeComplete()).isTrue();
        assertThat(server.handshakeComplete()).isTrue();
        assertThat(client.state()).isEqualTo(TlsEndpoint.State.ESTABLISHED);
        assertThat(client.role()).isEqualTo(Role.CLIENT);
        assertThat(server.role()).isEqualTo(Role.SERVER);
        TlsSessionInfo session = client.session().orElseThrow();
        assertThat(session.version()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(session.cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(session.keyExchangeGroup()).contains("X25519");
        assertThat(session.keyingMaterialExportable()).isTrue();
        PeerCertificate peer = session.peer().orElseThrow();
        assertThat(peer.commonName()).isEqualTo("vpn.corridor.test");
        assertThat(peer.subject()).isEqualTo("C=US, O=Corridor, CN=vpn.corridor.test");
        assertThat(peer.issuer()).isEqualTo("CN=Corridor Test CA");
        assertThat(peer.serial()).isEqualTo(SERVER.certificate().getSerialNumber());
        assertThat(session.summary())
                .isEqualTo("TLSv1.3, TLS_AES_256_GCM_SHA384, peer certificate 2048 bit RSA, X25519");
        assertThat(server.session().orElseThrow().peer()).as("no client certificate was sent").isEmpty();
    }

    @Test
    void tls12UsesEcdheRsaWithAesGcmAndExtendedMasterSecret() {
        TlsEndpoint client = start(TestPki.client(Optional.empty(), ONLY_12));
        TlsEndpoint server = start(TestPki.server());
        shuttle(client, server);
        TlsSessionInfo session = client.session().orElseThrow();
        assertThat(session.version()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(session.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(session.keyingMaterialExportable()).isTrue();
        assertThat(server.session().orElseThrow().cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void ecServerCertificateWorks(TlsVersion version) {
        TlsEndpoint client = start(TestPki.client(Optional.empty(), only(version)));
        TlsEndpoint server = start(TestPki.server(SERVER_EC, ClientCertificatePolicy.NONE, TlsVersionRange.DEFAULT));
        shuttle(client, server);
        TlsSessionInfo session = client.session().orElseThrow();
        assertThat(session.version()).isEqualTo(version);
        assertThat(session.cipherSuite()).isEqualTo(version == TlsVersion.TLS_1_2
                ? "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" : "TLS_AES_256_GCM_SHA384");
        assertThat(session.peer().orElseThrow().keyDescription()).isEqualTo("256 bit EC, curve prime256v1");
    }

    static Stream<Arguments> clientCertificates() {
        return Stream.of(TlsVersion.values()).flatMap(version -> Stream.of(
                Arguments.of(version, CLIENT_RSA, "alice", "2048 bit RSA"),
                Arguments.of(version, CLIENT_EC, "bob", "256 bit EC, curve prime256v1")));
    }

    @ParameterizedTest(name = "{0} client {2}")
    @MethodSource("clientCertificates")
    void mutualAuthenticationWithRsaAndEcClientCertificates(TlsVersion version, IssuedCertificate certificate,
            String commonName, String key) {
        TlsEndpoint client = start(TestPki.client(Optional.of(credentials(certificate)), only(version)));
        TlsEndpoint server = start(TestPki.server(SERVER, ClientCertificatePolicy.REQUIRED, TlsVersionRange.DEFAULT));
        shuttle(client, server);
        assertThat(client.failure()).isEmpty();
        assertThat(server.failure()).isEmpty();
        TlsSessionInfo serverSide = server.session().orElseThrow();
        assertThat(serverSide.version()).isEqualTo(version);
        PeerCertificate peer = serverSide.peer().orElseThrow();
        assertThat(peer.commonName()).isEqualTo(commonName);
        assertThat(peer.keyDescription()).isEqualTo(key);
        assertThat(peer.certificate()).isEqualTo(certificate.certificate());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void applicationDataFlowsBothWaysIncludingMessagesLargerThanARecord(TlsVersion version) {
        TlsEndpoint client = start(TestPki.client(Optional.of(credentials(CLIENT_RSA)), only(version)));
        TlsEndpoint server = start(TestPki.server());
        byte[] early = "written before the handshake".getBytes(StandardCharsets.US_ASCII);
        assertThat(client.writeCleartext(early)).isTrue();
        shuttle(client, server);
        assertThat(server.readCleartext()).isEqualTo(early);

        byte[] big = new byte[100_000];
        new Random(1).nextBytes(big);
        assertThat(server.writeCleartext(big)).isTrue();
        assertThat(server.writeCleartext("PUSH_REPLY,ping 10\0".getBytes(StandardCharsets.US_ASCII))).isTrue();
        byte[] wire = server.drainCiphertext();
        assertThat(wire.length).isGreaterThan(big.length);
        // deliver in awkward pieces, as control packets would
        for (int offset = 0; offset < wire.length; offset += 1000) {
            client.feedCiphertext(Arrays.copyOfRange(wire, offset, Math.min(wire.length, offset + 1000)));
        }
        byte[] received = client.readCleartext();
        assertThat(Arrays.copyOfRange(received, 0, big.length)).isEqualTo(big);
        assertThat(new String(received, big.length, received.length - big.length, StandardCharsets.US_ASCII))
                .isEqualTo("PUSH_REPLY,ping 10\0");
        assertThat(client.readCleartext()).isEmpty();

        client.writeCleartext("PUSH_REQUEST\0".getBytes(StandardCharsets.US_ASCII));
        shuttle(client, server);
        assertThat(new String(server.readCleartext(), StandardCharsets.US_ASCII)).isEqualTo("PUSH_REQUEST\0");
    }

    @Test
    void everyWriteIsItsOwnRecord() {
        TlsEndpoint client = start(TestPki.client());
        TlsEndpoint server = start(TestPki.server());
        shuttle(client, server);
        client.writeCleartext(new byte[] {1});
        int one = client.drainCiphertext().length;
        client.writeCleartext(new byte[] {1});
        client.writeCleartext(new byte[] {2});
        assertThat(client.drainCiphertext().length).isEqualTo(2 * one);
    }

    @Test
    void closeSendsCloseNotifyAndThePeerSeesPeerClosedAfterReadingTheData() {
        TlsEndpoint client = start(TestPki.client());
        TlsEndpoint server = start(TestPki.server());
        shuttle(client, server);
        client.writeCleartext("EXIT\0".getBytes(StandardCharsets.US_ASCII));
        client.close();
        assertThat(client.state()).isEqualTo(TlsEndpoint.State.CLOSED);
        assertThat(client.failure()).isEmpty();
        assertThat(client.writeCleartext(new byte[] {1})).isFalse();
        server.feedCiphertext(client.drainCiphertext());
        assertThat(server.state()).isEqualTo(TlsEndpoint.State.CLOSED);
        assertThat(server.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.PEER_CLOSED);
        assertThat(new String(server.readCleartext(), StandardCharsets.US_ASCII)).isEqualTo("EXIT\0");
        // the closed client ignores the server's close_notify answer
        client.feedCiphertext(server.drainCiphertext());
        assertThat(client.failure()).isEmpty();
    }

    @Test
    void closingDuringTheHandshakeIsReportedAsPeerClosed() {
        TlsEndpoint client = start(TestPki.client());
        TlsEndpoint server = start(TestPki.server());
        server.feedCiphertext(client.drainCiphertext());
        client.close();
        server.feedCiphertext(client.drainCiphertext());
        assertThat(server.state()).isEqualTo(TlsEndpoint.State.FAILED);
        assertThat(server.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.PEER_CLOSED);
    }

    @Test
    void noVersionInCommonFailsBothSidesWithHandshake() {
        TlsEndpoint client = start(TestPki.client(Optional.empty(), ONLY_13));
        TlsEndpoint server = start(TestPki.server(SERVER, ClientCertificatePolicy.NONE, ONLY_12));
        shuttle(client, server);
        assertThat(server.failure()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TlsFailure.Kind.HANDSHAKE);
            assertThat(f.message()).contains("no TLS version").contains("TLS 1.2");
        });
        assertThat(client.failure()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TlsFailure.Kind.HANDSHAKE);
            assertThat(f.message()).contains("supports no TLS version we offer (TLS 1.3)");
        });
        assertThat(client.session()).isEmpty();
    }

    @Test
    void mismatchedKeysAreRefusedBeforeAnyByteIsSent() {
        LocalCredentials wrongServerKey = new LocalCredentials(java.util.List.of(SERVER.certificate()),
                CLIENT_RSA.privateKey());
        TlsEndpoint server = start(new TlsServerConfig(wrongServerKey, java.util.List.of(), java.util.List.of(),
                ClientCertificatePolicy.NONE, false, TlsVersionRange.DEFAULT));
        assertThat(server.state()).isEqualTo(TlsEndpoint.State.FAILED);
        assertThat(server.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.BAD_CONFIGURATION);

        LocalCredentials wrongClientKey = new LocalCredentials(java.util.List.of(CLIENT_RSA.certificate()),
                CLIENT_EC.privateKey());
        TlsEndpoint client = start(TestPki.client(Optional.of(wrongClientKey), TlsVersionRange.DEFAULT));
        assertThat(client.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.BAD_CLIENT_CREDENTIALS);
        assertThat(client.drainCiphertext()).isEmpty();
    }

    @Test
    void clientHelloCarriesNoServerNameAndNoSessionTicketExtension() {
        byte[] hello = start(TestPki.client()).drainCiphertext();
        assertThat(ClientHelloExtensions.of(hello)).doesNotContain(0 /* server_name */, 35 /* session_ticket */,
                41 /* pre_shared_key */, 45 /* psk_key_exchange_modes */)
                .contains(23 /* extended_master_secret */, 43 /* supported_versions */);
    }
}
