package dev.corridor.protocol.tls;

import static dev.corridor.protocol.tls.TestPki.shuttle;
import static dev.corridor.protocol.tls.TestPki.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both ends export the same TLS-EKM bytes, the same bytes BouncyCastle itself would, and only when allowed. */
class KeyingMaterialTest {
    private static final String DATAKEYS = "EXPORTER-OpenVPN-datakeys";

    private static TlsEndpoint[] session(TlsVersion version) {
        TlsEndpoint client = start(TestPki.client(Optional.empty(), new TlsVersionRange(version, version)));
        TlsEndpoint server = start(TestPki.server());
        shuttle(client, server);
        assertThat(client.handshakeComplete()).isTrue();
        return new TlsEndpoint[] {client, server};
    }

    private static byte[] export(TlsEndpoint endpoint, String label, int length) {
        KeyingMaterialExport export = endpoint.exportKeyingMaterial(label, length);
        assertThat(export).isInstanceOf(KeyingMaterialExport.Exported.class);
        return ((KeyingMaterialExport.Exported) export).material();
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void bothSidesExportTheSameDataKeys(TlsVersion version) {
        TlsEndpoint[] ends = session(version);
        byte[] clientKeys = export(ends[0], DATAKEYS, 256);
        byte[] serverKeys = export(ends[1], DATAKEYS, 256);
        assertThat(clientKeys).hasSize(256).isEqualTo(serverKeys);
        assertThat(clientKeys).isNotEqualTo(new byte[256]);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void labelsAndSessionsGiveDifferentMaterial(TlsVersion version) {
        TlsEndpoint[] first = session(version);
        TlsEndpoint[] second = session(version);
        byte[] datakeys = export(first[0], DATAKEYS, 256);
        byte[] dynamicTlsCrypt = export(first[0], "EXPORTER-OpenVPN-dynamic-tls-crypt", 256);
        assertThat(dynamicTlsCrypt).isNotEqualTo(datakeys);
        assertThat(export(second[0], DATAKEYS, 256)).isNotEqualTo(datakeys);
        // a shorter export is not a prefix of a longer one in TLS 1.3 (the length is in HKDF-Expand-Label),
        // but it is in TLS 1.2 (a PRF stream); either way both sides agree on it
        assertThat(export(first[0], "EXPORTER-OpenVPN-p2p-peerid", 3))
                .isEqualTo(export(first[1], "EXPORTER-OpenVPN-p2p-peerid", 3));
    }

    @Test
    void nothingIsExportedBeforeTheHandshakeOrForBadRequests() {
        TlsEndpoint client = start(TestPki.client());
        assertThat(client.exportKeyingMaterial(DATAKEYS, 256))
                .isEqualTo(new KeyingMaterialExport.Unavailable("the TLS handshake has not completed"));
        TlsEndpoint[] ends = session(TlsVersion.TLS_1_3);
        assertThat(ends[0].exportKeyingMaterial("", 32)).isInstanceOf(KeyingMaterialExport.Unavailable.class);
        assertThat(ends[0].exportKeyingMaterial("has space", 32)).isInstanceOf(KeyingMaterialExport.Unavailable.class);
        assertThat(ends[0].exportKeyingMaterial(DATAKEYS, 0)).isInstanceOf(KeyingMaterialExport.Unavailable.class);
        // TLS 1.3 HKDF-Expand cannot give more than 255 hash lengths
        assertThat(ends[0].exportKeyingMaterial(DATAKEYS, 60_000))
                .isInstanceOf(KeyingMaterialExport.Unavailable.class);
    }

    @Test
    void exportedMaterialStaysOutOfLogs() {
        byte[] keys = export(session(TlsVersion.TLS_1_2)[0], DATAKEYS, 256);
        KeyingMaterialExport.Exported exported = new KeyingMaterialExport.Exported(keys);
        assertThat(exported.toString()).isEqualTo("Exported[256 bytes, redacted]");
        byte[] copy = exported.material();
        copy[0] ^= 1;
        assertThat(exported.material()).isEqualTo(keys);
    }

    /**
     * Our copy of the exporter secret gives exactly what BouncyCastle's own
     * {@code TlsContext.exportKeyingMaterial(label, null, length)} gives inside the completion callback.
     */
    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void sameAsBouncyCastlesOwnExporter(TlsVersion version) throws IOException {
        byte[][] official = new byte[1][];
        DefaultTlsClient plainClient = new DefaultTlsClient(new BcTlsCrypto(TestPki.RANDOM)) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return version.wireVersion().only();
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new ServerOnlyTlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                        // this test only compares exporters
                    }
                };
            }

            @Override
            public void notifyHandshakeComplete() throws IOException {
                super.notifyHandshakeComplete();
                official[0] = context.exportKeyingMaterial(DATAKEYS, null, 256);
            }
        };
        TlsClientProtocol protocol = new TlsClientProtocol();
        protocol.connect(plainClient);
        TlsEndpoint server = start(TestPki.server());
        for (int round = 0; round < 10; round++) {
            byte[] out = new byte[protocol.getAvailableOutputBytes()];
            protocol.readOutput(out, 0, out.length);
            server.feedCiphertext(out);
            byte[] back = server.drainCiphertext();
            if (back.length > 0) {
                protocol.offerInput(back);
            }
        }
        assertThat(server.handshakeComplete()).isTrue();
        assertThat(server.session().orElseThrow().version()).isEqualTo(version);
        assertThat(official[0]).hasSize(256);
        assertThat(export(server, DATAKEYS, 256)).isEqualTo(official[0]);
    }
}
