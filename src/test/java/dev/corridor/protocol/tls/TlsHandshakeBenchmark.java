package dev.corridor.protocol.tls;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long one full control-channel TLS handshake takes in memory, both ends in this thread:
 * ClientHello to both sides established, including certificate-chain validation on each side.
 * Run with {@code dev.corridor.bench.BenchmarkMain TlsHandshakeBenchmark} (JMH options as usual).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TlsHandshakeBenchmark {

    /** TLS version, server key, and whether the client presents a certificate. */
    @Param({"1.3/RSA/none", "1.3/RSA/RSA", "1.2/RSA/RSA", "1.3/EC/EC", "1.2/EC/none"})
    public String setup;

    private TlsClientConfig clientConfig;
    private TlsServerConfig serverConfig;

    @Setup
    public void prepare() {
        String[] parts = setup.split("/");
        TlsVersion version = parts[0].equals("1.2") ? TlsVersion.TLS_1_2 : TlsVersion.TLS_1_3;
        TlsVersionRange range = new TlsVersionRange(version, version);
        Optional<LocalCredentials> client = switch (parts[2]) {
            case "RSA" -> Optional.of(TestPki.credentials(TestPki.CLIENT_RSA));
            case "EC" -> Optional.of(TestPki.credentials(TestPki.CLIENT_EC));
            default -> Optional.empty();
        };
        clientConfig = TestPki.client(client, range);
        serverConfig = TestPki.server(parts[1].equals("EC") ? TestPki.SERVER_EC : TestPki.SERVER,
                client.isPresent() ? ClientCertificatePolicy.REQUIRED : ClientCertificatePolicy.NONE,
                TlsVersionRange.DEFAULT);
    }

    @Benchmark
    public TlsSessionInfo fullHandshake() {
        TlsEndpoint client = TestPki.start(clientConfig);
        TlsEndpoint server = TestPki.start(serverConfig);
        TestPki.shuttle(client, server);
        if (!server.handshakeComplete()) {
            throw new IllegalStateException("handshake failed: " + client.failure() + " / " + server.failure());
        }
        return client.session().orElseThrow();
    }
}
