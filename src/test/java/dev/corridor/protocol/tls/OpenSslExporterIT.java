package dev.corridor.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.pki.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our exporter with "no context" equals OpenSSL's {@code SSL_export_keying_material(..., use_context=0)},
 * which is what OpenVPN 2.x calls for TLS-EKM: {@code openssl s_server -keymatexport} makes exactly that
 * call and prints the result. Needs the {@code openssl} program (skipped without it) and a loopback port.
 */
class OpenSslExporterIT {
    private static final String LABEL = "EXPORTER-OpenVPN-datakeys";
    private static final Pattern MATERIAL = Pattern.compile("Keying material: ([0-9A-F]+)");

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void exporterMatchesOpenSsl(TlsVersion version) throws Exception {
        Assumptions.assumeTrue(opensslAvailable(), "the openssl program is not installed");
        Path certificate = folder.resolve("server.crt");
        Path key = folder.resolve("server.key");
        Files.writeString(certificate, Pem.certificate(TestPki.SERVER.certificate()));
        Files.writeString(key, Pem.privateKey(TestPki.SERVER.privateKey()));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", certificate.toString(), "-key", key.toString(),
                version == TlsVersion.TLS_1_2 ? "-tls1_2" : "-tls1_3",
                "-keymatexport", LABEL, "-keymatexportlen", "256", "-naccept", "1")
                .redirectErrorStream(true).start();
        try {
            TlsEndpoint client = TlsEndpoint.client(TestPki.client(Optional.empty(),
                    new TlsVersionRange(version, version)), TestPki.CLOCK, TestPki.RANDOM);
            try (Socket socket = connect(port)) {
                socket.setSoTimeout(100);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[16384];
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!client.handshakeComplete() && client.failure().isEmpty() && System.nanoTime() < deadline) {
                    out.write(client.drainCiphertext());
                    out.flush();
                    try {
                        int read = in.read(buffer);
                        if (read < 0) {
                            break;
                        }
                        client.feedCiphertext(Arrays.copyOf(buffer, read));
                    } catch (SocketTimeoutException quiet) {
                        // nothing arrived yet; send what we have and try again
                    }
                }
                out.write(client.drainCiphertext()); // our Finished
                out.flush();
                assertThat(client.failure()).isEmpty();
                assertThat(client.session().orElseThrow().version()).isEqualTo(version);
                byte[] ours = ((KeyingMaterialExport.Exported) client.exportKeyingMaterial(LABEL, 256)).material();

                String printed = awaitMaterial(server, deadline);
                client.close();
                out.write(client.drainCiphertext());
                assertThat(HexFormat.of().withUpperCase().formatHex(ours)).isEqualTo(printed);
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Reads s_server's output until it has printed the keying material. */
    private static String awaitMaterial(Process server, long deadline) throws IOException, InterruptedException {
        StringBuilder output = new StringBuilder();
        InputStream in = server.getInputStream();
        while (System.nanoTime() < deadline) {
            while (in.available() > 0) {
                output.append((char) in.read());
            }
            Matcher matcher = MATERIAL.matcher(output);
            if (matcher.find() && output.indexOf("\n", matcher.end()) >= 0) {
                return matcher.group(1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("openssl printed no keying material:\n" + output);
    }

    private static Socket connect(int port) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
                Thread.sleep(50);
            }
        }
        throw last;
    }

    private static boolean opensslAvailable() {
        try {
            Process version = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(5, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
