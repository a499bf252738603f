package dev.corridor.protocol.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientContext;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerContext;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A real TLS 1.3 client and server (BouncyCastle, non-blocking mode, external PSK with ECDHE so no
 * certificates are needed) joined in memory, for tests that need a live exporter or real TLS
 * record boundaries. Not a model of the project's TLS engine; just a test bench.
 */
final class InMemoryTlsPair {
    private static final byte[] PSK_IDENTITY = "corridor-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final TlsClientProtocol client = new TlsClientProtocol();
    final TlsServerProtocol server = new TlsServerProtocol();
    TlsContext clientContext;
    TlsContext serverContext;
    /**
     * Each side's exporter output, captured inside notifyHandshakeComplete (BouncyCastle clears the
     * exporter secret right after), through an adapter that passes no context ({@code null}).
     */
    CapturedKeyingMaterial clientCaptured;
    CapturedKeyingMaterial serverCaptured;
    /** The client's TLS 1.3 exporter_master_secret, extracted after the exports above. */
    byte[] clientExporterMasterSecret;
    /** The hash of the negotiated suite: "SHA-256" or "SHA-384". */
    String hashName;

    private static CapturedKeyingMaterial capture(TlsContext context) {
        return CapturedKeyingMaterial.capture((label, length) -> context.exportKeyingMaterial(label, null, length));
    }

    /** Runs the handshake to completion with the given 32-byte PSK and cipher suite. */
    static InMemoryTlsPair handshake(byte[] psk, int cipherSuite) throws IOException {
        InMemoryTlsPair pair = new InMemoryTlsPair();
        BcTlsCrypto clientCrypto = new BcTlsCrypto(new SecureRandom());
        BcTlsCrypto serverCrypto = new BcTlsCrypto(new SecureRandom());
        int prf = cipherSuite == CipherSuite.TLS_AES_256_GCM_SHA384 ? PRFAlgorithm.tls13_hkdf_sha384
                : PRFAlgorithm.tls13_hkdf_sha256;
        pair.client.connect(new PskClient(clientCrypto, psk, prf, cipherSuite, pair));
        pair.server.accept(new PskServer(serverCrypto, psk, prf, cipherSuite, pair));
        for (int round = 0; round < 20 && (!pair.client.isConnected() || !pair.server.isConnected()); round++) {
            pair.pump();
        }
        if (!pair.client.isConnected() || !pair.server.isConnected()) {
            throw new IllegalStateException("handshake did not finish");
        }
        return pair;
    }

    /** Moves every pending byte between the two ends once in each direction. */
    void pump() throws IOException {
        byte[] toServer = drain(client);
        if (toServer.length > 0) {
            server.offerInput(toServer);
        }
        byte[] toClient = drain(server);
        if (toClient.length > 0) {
            client.offerInput(toClient);
        }
    }

    /**
     * Writes {@code plaintext} on the client and returns what the server's TLS layer hands out, one
     * array per delivery (TLS records carry at most 16 KiB, so a long write arrives in several).
     */
    java.util.List<byte[]> clientToServer(byte[] plaintext) throws IOException {
        client.writeApplicationData(plaintext, 0, plaintext.length);
        java.util.List<byte[]> deliveries = new java.util.ArrayList<>();
        byte[] wire = drain(client);
        int at = 0;
        while (at < wire.length) { // offer the ciphertext in small slices so records arrive one by one
            int slice = Math.min(1000, wire.length - at);
            server.offerInput(wire, at, slice);
            at += slice;
            int available = server.getAvailableInputBytes();
            if (available > 0) {
                byte[] got = new byte[available];
                server.readInput(got, 0, available);
                deliveries.add(got);
            }
        }
        return deliveries;
    }

    private static byte[] drain(org.bouncycastle.tls.TlsProtocol protocol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int available;
        while ((available = protocol.getAvailableOutputBytes()) > 0) {
            byte[] chunk = new byte[available];
            protocol.readOutput(chunk, 0, available);
            out.write(chunk, 0, chunk.length);
        }
        return out.toByteArray();
    }

    private static final class PskClient extends AbstractTlsClient {
        private final TlsPSKExternal psk;
        private final int cipherSuite;
        private final InMemoryTlsPair pair;

        PskClient(TlsCrypto crypto, byte[] key, int prf, int cipherSuite, InMemoryTlsPair pair) {
            super(crypto);
            this.psk = new BasicTlsPSKExternal(PSK_IDENTITY, crypto.createSecret(key), prf);
            this.cipherSuite = cipherSuite;
            this.pair = pair;
        }

        @Override
        public void init(TlsClientContext context) {
            super.init(context);
            pair.clientContext = context;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {cipherSuite};
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            pair.clientCaptured = capture(pair.clientContext);
            pair.hashName = pair.clientContext.getSecurityParametersConnection().getPRFHashLength() == 48
                    ? "SHA-384" : "SHA-256";
            pair.clientExporterMasterSecret =
                    pair.clientContext.getSecurityParametersConnection().getExporterMasterSecret().extract();
        }

        @Override
        public Vector<TlsPSKExternal> getExternalPSKs() {
            Vector<TlsPSKExternal> psks = new Vector<>();
            psks.add(psk);
            return psks;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new ServerOnlyTlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                    throw new IllegalStateException("a PSK handshake has no server certificate");
                }
            };
        }
    }

    private static final class PskServer extends AbstractTlsServer {
        private final TlsPSKExternal psk;
        private final int cipherSuite;
        private final InMemoryTlsPair pair;

        PskServer(TlsCrypto crypto, byte[] key, int prf, int cipherSuite, InMemoryTlsPair pair) {
            super(crypto);
            this.psk = new BasicTlsPSKExternal(PSK_IDENTITY, crypto.createSecret(key), prf);
            this.cipherSuite = cipherSuite;
            this.pair = pair;
        }

        @Override
        public void init(TlsServerContext context) {
            super.init(context);
            pair.serverContext = context;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {cipherSuite};
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            pair.serverCaptured = capture(pair.serverContext);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public TlsPSKExternal getExternalPSK(Vector identities) {
            for (Object identity : identities) {
                if (identity instanceof org.bouncycastle.tls.PskIdentity id
                        && java.util.Arrays.equals(id.getIdentity(), PSK_IDENTITY)) {
                    return psk;
                }
            }
            return null;
        }

        @Override
        public TlsCredentials getCredentials() {
            return null;
        }
    }
}
