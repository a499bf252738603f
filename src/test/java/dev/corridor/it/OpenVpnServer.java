package dev.corridor.it;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
import dev.corridor.pki.Revocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenVPN 2.6 running as a server inside a {@link NetnsLab} namespace, with a fresh PKI
 * made by Corridor's own {@code pki} package, plus the matching client profile text.
 *
 * <pre>
 *   host (corridor check, in-memory TUN) ──UDP/TCP 1194──> 198.18.n.2  openvpn --server 10.77.0.0/24
 *                                                                      tun address 10.77.0.1 answers ping
 * </pre>
 */
final class OpenVpnServer implements AutoCloseable {
    static final String TUNNEL_SERVER_ADDRESS = "10.77.0.1";

    /** What the server is configured with; the client profile follows it. */
    record Setup(String proto, String wrap, String dataCiphers, String auth, List<String> extraServerLines,
            List<String> extraClientLines, boolean revokeClient, List<String> remotesBefore) {
        Setup(String proto, String wrap, String dataCiphers, String auth, List<String> extraServerLines,
                List<String> extraClientLines, boolean revokeClient) {
            this(proto, wrap, dataCiphers, auth, extraServerLines, extraClientLines, revokeClient, List.of());
        }

        /** A remote line tried before the real server (to test failover). */
        Setup firstRemote(String remoteLine) {
            List<String> all = new ArrayList<>(remotesBefore);
            all.add(remoteLine);
            return new Setup(proto, wrap, dataCiphers, auth, extraServerLines, extraClientLines, revokeClient, all);
        }

        static Setup udpTlsCrypt(String ciphers) {
            return new Setup("udp", "tls-crypt", ciphers, null, List.of(), List.of(), false);
        }

        Setup withServerLines(String... lines) {
            List<String> all = new ArrayList<>(extraServerLines);
            all.addAll(List.of(lines));
            return new Setup(proto, wrap, dataCiphers, auth, all, extraClientLines, revokeClient, remotesBefore);
        }

        Setup withClientLines(String... lines) {
            List<String> all = new ArrayList<>(extraClientLines);
            all.addAll(List.of(lines));
            return new Setup(proto, wrap, dataCiphers, auth, extraServerLines, all, revokeClient, remotesBefore);
        }

        /** The server runs a check script accepting exactly this username and password. */
        Setup withPasswordCheck(String username, String password) {
            return withServerLines("script-security 2", "auth-user-pass-verify CHECK_SCRIPT via-file",
                    "setenv CORRIDOR_USER " + username, "setenv CORRIDOR_PASSWORD \"" + password + "\"");
        }

        Setup revoked() {
            return new Setup(proto, wrap, dataCiphers, auth, extraServerLines, extraClientLines, true, remotesBefore);
        }
    }

    private final Process process;
    private final Path folder;
    private final Path log;
    private final String clientProfile;

    private OpenVpnServer(Process process, Path folder, Path log, String clientProfile) {
        this.process = process;
        this.folder = folder;
        this.log = log;
        this.clientProfile = clientProfile;
    }

    static OpenVpnServer start(NetnsLab lab, Setup setup) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("corridor-ovpn-");
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = CertificateAuthority.create("Corridor IT CA", Clock.systemUTC(), random);
        IssuedCertificate server = ca.issueServer("server.corridor.test");
        IssuedCertificate client = ca.issueClient("client.corridor.test");
        List<Revocation> revoked = setup.revokeClient()
                ? List.of(new Revocation(client.certificate().getSerialNumber(), Clock.systemUTC().instant()))
                : List.of();
        String staticKey = staticKey(random);

        write(folder.resolve("ca.crt"), Pem.certificate(ca.caCertificate()));
        write(folder.resolve("server.crt"), Pem.certificate(server.certificate()));
        write(folder.resolve("server.key"), Pem.privateKey(server.privateKey()));
        write(folder.resolve("crl.pem"), Pem.crl(ca.crl(revoked, Duration.ofDays(30))));
        write(folder.resolve("ta.key"), staticKey);

        List<String> conf = new ArrayList<>(List.of(
                "dev tun",
                "proto " + (setup.proto().equals("tcp") ? "tcp-server" : "udp"),
                "local " + lab.insideAddress().getHostAddress(),
                "port 1194",
                "ca " + folder.resolve("ca.crt"),
                "cert " + folder.resolve("server.crt"),
                "key " + folder.resolve("server.key"),
                "crl-verify " + folder.resolve("crl.pem"),
                "dh none",
                "server 10.77.0.0 255.255.255.0",
                "topology subnet",
                "keepalive 10 60",
                "data-ciphers " + setup.dataCiphers(),
                "verb 4"));
        if (setup.wrap().equals("tls-crypt")) {
            conf.add("tls-crypt " + folder.resolve("ta.key"));
        } else if (setup.wrap().equals("tls-auth")) {
            conf.add("tls-auth " + folder.resolve("ta.key") + " 0");
        }
        if (setup.auth() != null) {
            conf.add("auth " + setup.auth());
        }
        Path checkScript = folder.resolve("check-password.sh");
        write(checkScript, "#!/bin/sh\n"
                + "# $1 holds the username on line 1 and the password on line 2\n"
                + "user=$(sed -n 1p \"$1\"); pass=$(sed -n 2p \"$1\")\n"
                + "if [ \"$user\" = \"$CORRIDOR_USER\" ] && [ \"$pass\" = \"$CORRIDOR_PASSWORD\" ]; then\n"
                + "  echo \"password accepted for $user\"; exit 0\nfi\n"
                + "echo \"password refused for $user\"; exit 1\n");
        checkScript.toFile().setExecutable(true);
        for (String line : setup.extraServerLines()) {
            conf.add(line.replace("CHECK_SCRIPT", checkScript.toString()));
        }
        write(folder.resolve("server.conf"), String.join("\n", conf) + "\n");

        StringBuilder profile = new StringBuilder();
        profile.append("client\ndev tun\nproto ").append(setup.proto()).append('\n');
        setup.remotesBefore().forEach(line -> profile.append(line).append('\n'));
        profile.append("remote ").append(lab.insideAddress().getHostAddress()).append(" 1194\n")
                .append("nobind\nremote-cert-tls server\nverb 3\n")
                .append("data-ciphers ").append(setup.dataCiphers()).append('\n');
        if (setup.auth() != null) {
            profile.append("auth ").append(setup.auth()).append('\n');
        }
        if (setup.wrap().equals("tls-auth")) {
            profile.append("key-direction 1\n");
        }
        setup.extraClientLines().forEach(line -> profile.append(line).append('\n'));
        profile.append("<ca>\n").append(Pem.certificate(ca.caCertificate())).append("</ca>\n")
                .append("<cert>\n").append(Pem.certificate(client.certificate())).append("</cert>\n")
                .append("<key>\n").append(Pem.privateKey(client.privateKey())).append("</key>\n");
        if (!setup.wrap().equals("none")) {
            profile.append('<').append(setup.wrap()).append(">\n").append(staticKey).append("</")
                    .append(setup.wrap()).append(">\n");
        }

        Path log = folder.resolve("server.log");
        Process process = new ProcessBuilder(lab.exec("openvpn", "--config", folder.resolve("server.conf").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OpenVpnServer started = new OpenVpnServer(process, folder, log, profile.toString());
        try {
            started.awaitLine("Initialization Sequence Completed", Duration.ofSeconds(20));
        } catch (RuntimeException | InterruptedException e) {
            started.close(); // never leave a process or its files behind, even when start-up fails
            throw e;
        }
        return started;
    }

    /** Writes the client profile next to the server files and returns its path. */
    Path writeClientProfile(String name) throws IOException {
        Path file = folder.resolve(name);
        write(file, clientProfile);
        return file;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits until the server log contains {@code text}. */
    void awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("openvpn exited " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("openvpn did not log \"" + text + "\" within " + timeout + ":\n" + log());
    }

    private static String staticKey(SecureRandom random) {
        byte[] key = new byte[256];
        random.nextBytes(key);
        String hex = HexFormat.of().formatHex(key);
        StringBuilder text = new StringBuilder("-----BEGIN OpenVPN Static key V1-----\n");
        for (int i = 0; i < hex.length(); i += 32) {
            text.append(hex, i, i + 32).append('\n');
        }
        return text.append("-----END OpenVPN Static key V1-----\n").toString();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
