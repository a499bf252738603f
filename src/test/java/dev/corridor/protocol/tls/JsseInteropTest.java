package dev.corridor.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wire compatibility with the JDK's own TLS stack (SunJSSE {@link SSLEngine}) as the peer, both ways,
 * with mutual authentication. SunJSSE checks certificate dates against the real clock, so the
 * certificates here are issued from the system clock rather than the fixed test clock.
 */
class JsseInteropTest {
    private static final Clock REAL = Clock.systemUTC();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] STORE_PASSWORD = "interop".toCharArray();
    private static CertificateAuthority ca;
    private static IssuedCertificate server;
    private static IssuedCertificate client;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create("Interop CA", REAL, RANDOM);
        server = ca.issueServer("jsse.corridor.test");
        client = ca.issueClient("interop-client");
    }

    private static SSLEngine jsse(boolean serverMode, IssuedCertificate own, TlsVersion version) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("own", own.privateKey(), STORE_PASSWORD,
                new X509Certificate[] {own.certificate(), ca.caCertificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), RANDOM);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(!serverMode);
        if (serverMode) {
            engine.setNeedClientAuth(true);
        }
        engine.setEnabledProtocols(new String[] {version.displayName()});
        engine.beginHandshake();
        return engine;
    }

    /** Drives an SSLEngine with whole byte arrays, like our endpoint. */
    private static final class JssePeer {
        private final SSLEngine engine;
        private ByteBuffer inbound = ByteBuffer.allocate(0);
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pendingWrites = new ByteArrayOutputStream();

        JssePeer(SSLEngine engine) {
            this.engine = engine;
        }

        void feed(byte[] bytes) throws SSLException {
            ByteBuffer joined = ByteBuffer.allocate(inbound.remaining() + bytes.length);
            joined.put(inbound).put(bytes).flip();
            inbound = joined;
            ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 64);
            while (inbound.hasRemaining()) {
                SSLEngineResult result = engine.unwrap(inbound, app);
                runTasks();
                app.flip();
                byte[] chunk = new byte[app.remaining()];
                app.get(chunk);
                received.writeBytes(chunk);
                app.clear();
                if (result.getStatus() != SSLEngineResult.Status.OK
                        || result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    break;
                }
            }
        }

        byte[] drain() throws SSLException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer app = ByteBuffer.wrap(engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus
                    .NOT_HANDSHAKING ? takePendingWrites() : new byte[0]);
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 4);
            for (int i = 0; i < 100; i++) {
                net.clear();
                SSLEngineResult result = engine.wrap(app, net);
                runTasks();
                net.flip();
                byte[] chunk = new byte[net.remaining()];
                net.get(chunk);
                out.writeBytes(chunk);
                if (result.bytesProduced() == 0 && !app.hasRemaining()
                        && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    break;
                }
            }
            return out.toByteArray();
        }

        void write(byte[] data) {
            pendingWrites.writeBytes(data);
        }

        private byte[] takePendingWrites() {
            byte[] data = pendingWrites.toByteArray();
            pendingWrites.reset();
            return data;
        }

        private void runTasks() {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }

    private static void shuttle(TlsEndpoint ours, JssePeer theirs) throws SSLException {
        for (int round = 0; round < 20; round++) {
            // always feed, even nothing: SSLEngine stops unwrapping while it wants to wrap, and resumes
            // with the bytes it kept once it has
            theirs.feed(ours.drainCiphertext());
            byte[] fromThem = theirs.drain();
            if (fromThem.length > 0) {
                ours.feedCiphertext(fromThem);
            }
        }
    }

    private static TlsClientConfig clientConfig() {
        return new TlsClientConfig(List.of(ca.caCertificate()), List.of(),
                Optional.of(new LocalCredentials(List.of(client.certificate()), client.privateKey())), true,
                Optional.of(new dev.corridor.profile.VerifyX509Name("jsse.corridor.test",
                        dev.corridor.profile.VerifyX509Name.Type.NAME)), TlsVersionRange.DEFAULT);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void ourClientAgainstSunJsseServer(TlsVersion version) throws Exception {
        TlsEndpoint ours = TlsEndpoint.client(clientConfig(), REAL, RANDOM);
        JssePeer theirs = new JssePeer(jsse(true, server, version));
        ours.writeCleartext("key-method 2 goes first".getBytes(StandardCharsets.US_ASCII));
        shuttle(ours, theirs);

        assertThat(ours.failure()).isEmpty();
        assertThat(ours.handshakeComplete()).isTrue();
        TlsSessionInfo session = ours.session().orElseThrow();
        assertThat(session.version()).isEqualTo(version);
        assertThat(session.peer().orElseThrow().commonName()).isEqualTo("jsse.corridor.test");
        assertThat(theirs.engine.getSession().getProtocol()).isEqualTo(version.displayName());
        assertThat(theirs.engine.getSession().getCipherSuite()).isEqualTo(session.cipherSuite());
        assertThat(((X509Certificate) theirs.engine.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                .getName()).isEqualTo("CN=interop-client");
        assertThat(theirs.received.toString(StandardCharsets.US_ASCII)).isEqualTo("key-method 2 goes first");

        byte[] big = new byte[50_000];
        new Random(5).nextBytes(big);
        theirs.write(big);
        shuttle(ours, theirs);
        assertThat(ours.readCleartext()).isEqualTo(big);
        assertThat(ours.failure()).as("a TLS 1.3 NewSessionTicket from SunJSSE is ignored").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void sunJsseClientAgainstOurServer(TlsVersion version) throws Exception {
        TlsServerConfig config = new TlsServerConfig(new LocalCredentials(List.of(server.certificate()),
                server.privateKey()), List.of(ca.caCertificate()), List.of(), ClientCertificatePolicy.REQUIRED, true,
                TlsVersionRange.DEFAULT);
        TlsEndpoint ours = TlsEndpoint.server(config, REAL, RANDOM);
        JssePeer theirs = new JssePeer(jsse(false, client, version));
        shuttle(ours, theirs);
        assertThat(ours.failure()).isEmpty();
        TlsSessionInfo session = ours.session().orElseThrow();
        assertThat(session.version()).isEqualTo(version);
        assertThat(session.peer().orElseThrow().commonName()).isEqualTo("interop-client");
        theirs.write("PUSH_REQUEST\0".getBytes(StandardCharsets.US_ASCII));
        ours.writeCleartext("PUSH_REPLY,ping 10\0".getBytes(StandardCharsets.US_ASCII));
        shuttle(ours, theirs);
        assertThat(ours.readCleartext()).isEqualTo("PUSH_REQUEST\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(theirs.received.toString(StandardCharsets.US_ASCII)).isEqualTo("PUSH_REPLY,ping 10\0");
    }

    @Test
    void sunJsseRefusingOurCertificateIsAHandshakeFailure() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("Stranger CA", REAL, RANDOM);
        IssuedCertificate foreign = stranger.issueClient("foreign");
        TlsClientConfig config = new TlsClientConfig(List.of(ca.caCertificate()), List.of(),
                Optional.of(new LocalCredentials(List.of(foreign.certificate()), foreign.privateKey())), true,
                Optional.empty(), TlsVersionRange.DEFAULT);
        TlsEndpoint ours = TlsEndpoint.client(config, REAL, RANDOM);
        JssePeer theirs = new JssePeer(jsse(true, server, TlsVersion.TLS_1_2));
        try {
            shuttle(ours, theirs);
        } catch (SSLException expected) {
            // SunJSSE throws where we return a failure; its alert is already in the outbound buffer
            ours.feedCiphertext(theirs.drain());
        }
        assertThat(ours.failure()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(TlsFailure.Kind.HANDSHAKE);
            assertThat(f.message()).contains("refused our certificate");
        });
        assertThat(Arrays.asList(ours.state())).containsExactly(TlsEndpoint.State.FAILED);
    }
}
