package dev.corridor.protocol.tls;

import static dev.corridor.protocol.tls.TestPki.shuttle;
import static dev.corridor.protocol.tls.TestPki.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Whatever arrives from the network, the endpoint fails cleanly and never throws to its caller. */
class TlsEndpointRobustnessTest {

    private static void assertStoppedCleanlyOrWaiting(TlsEndpoint endpoint) {
        assertThat(endpoint.state()).isIn(TlsEndpoint.State.HANDSHAKING, TlsEndpoint.State.ESTABLISHED,
                TlsEndpoint.State.FAILED, TlsEndpoint.State.CLOSED);
        if (endpoint.state() == TlsEndpoint.State.FAILED) {
            assertThat(endpoint.failure()).map(TlsFailure::kind)
                    .hasValueSatisfying(kind -> assertThat(kind).isIn(TlsFailure.Kind.HANDSHAKE,
                            TlsFailure.Kind.PEER_CLOSED));
        }
        // the caller may keep using it
        endpoint.drainCiphertext();
        endpoint.readCleartext();
        endpoint.writeCleartext(new byte[] {1, 2, 3});
        endpoint.exportKeyingMaterial("EXPORTER-OpenVPN-datakeys", 256);
        endpoint.session();
    }

    @Property(tries = 300)
    void arbitraryBytesToAFreshServerNeverThrow(@ForAll @Size(max = 600) byte[] junk) {
        TlsEndpoint server = start(TestPki.server());
        server.feedCiphertext(junk);
        assertStoppedCleanlyOrWaiting(server);
    }

    @Property(tries = 300)
    void arbitraryBytesToAClientAwaitingServerHelloNeverThrow(@ForAll @Size(max = 600) byte[] junk) {
        TlsEndpoint client = start(TestPki.client());
        client.drainCiphertext();
        client.feedCiphertext(junk);
        assertStoppedCleanlyOrWaiting(client);
    }

    @Property(tries = 100)
    void arbitraryBytesIntoAnEstablishedSessionNeverThrow(@ForAll @Size(min = 1, max = 300) byte[] junk) {
        TlsEndpoint client = start(TestPki.client());
        TlsEndpoint server = start(TestPki.server());
        shuttle(client, server);
        client.feedCiphertext(junk);
        assertStoppedCleanlyOrWaiting(client);
    }

    @Property(tries = 100)
    void forgedApplicationDataRecordsFailTheSession(@ForAll @Size(min = 17, max = 300) byte[] body) {
        TlsEndpoint client = start(TestPki.client());
        TlsEndpoint server = start(TestPki.server());
        shuttle(client, server);
        byte[] record = new byte[5 + body.length];
        record[0] = 23; // application_data
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (body.length >> 8);
        record[4] = (byte) body.length;
        System.arraycopy(body, 0, record, 5, body.length);
        server.feedCiphertext(record);
        assertThat(server.state()).isEqualTo(TlsEndpoint.State.FAILED);
        assertThat(server.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.HANDSHAKE);
        assertThat(server.readCleartext()).isEmpty();
        assertThat(server.drainCiphertext()).as("a bad_record_mac alert").isNotEmpty();
    }

    @Property(tries = 10)
    void handshakeCompletesHoweverTheBytesAreCut(@ForAll @IntRange(min = 1, max = 700) int piece) {
        TlsEndpoint client = start(TestPki.client());
        TlsEndpoint server = start(TestPki.server());
        for (int round = 0; round < 10; round++) {
            deliverInPieces(client.drainCiphertext(), server, piece);
            deliverInPieces(server.drainCiphertext(), client, piece);
        }
        assertThat(client.handshakeComplete()).isTrue();
        assertThat(server.handshakeComplete()).isTrue();
        assertThat(client.failure()).isEmpty();
    }

    private static void deliverInPieces(byte[] bytes, TlsEndpoint to, int piece) {
        for (int offset = 0; offset < bytes.length; offset += piece) {
            to.feedCiphertext(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + piece)));
        }
    }

    @Test
    void garbageIsAFailureNotAnException() {
        TlsEndpoint server = start(TestPki.server());
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xff);
        server.feedCiphertext(garbage);
        assertThat(server.state()).isEqualTo(TlsEndpoint.State.FAILED);
        TlsFailure failure = server.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(TlsFailure.Kind.HANDSHAKE);
        assertThat(failure.message()).startsWith("the TLS handshake failed: ");
        assertThat(server.writeCleartext(new byte[] {1})).isFalse();
        server.feedCiphertext(garbage); // ignored once failed
        assertThat(server.failure()).contains(failure);
    }

    @Test
    void anHttpRequestIsNotTls() {
        TlsEndpoint server = start(TestPki.server());
        server.feedCiphertext("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(server.failure()).map(TlsFailure::kind).contains(TlsFailure.Kind.HANDSHAKE);
    }

    @Test
    void emptyInputChangesNothing() {
        TlsEndpoint server = start(TestPki.server());
        server.feedCiphertext(new byte[0]);
        assertThat(server.state()).isEqualTo(TlsEndpoint.State.HANDSHAKING);
        assertThat(server.drainCiphertext()).isEmpty();
        assertThat(List.of(server.readCleartext().length)).containsExactly(0);
    }
}
