package dev.corridor.it;

import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.pki.Pem;
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

/** Debian's OpenVPN 2.6 as the {@link LabServer}, with a fresh PKI from Corridor's {@code pki} package. */
final class OpenVpnLabServer implements LabServer {
    private final Process process;
    private final Path folder;
    private final Path log;
    private final String clientProfile;

    private OpenVpnLabServer(Process process, Path folder, Path log, String clientProfile) {
        this.process = process;
        this.folder = folder;
        this.log = log;
        this.clientProfile = clientProfile;
    }

    /** Starts {@code openvpn} in the lab's server namespace. */
    static LabServer start(ConnectLab lab, Push push) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory(lab.folder(), "openvpn-");
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = CertificateAuthority.create("Corridor connect IT CA", Clock.systemUTC(), random);
        IssuedCertificate server = ca.issueServer("server.corridor.test");
        IssuedCertificate client = ca.issueClient("client.corridor.test");
        String staticKey = staticKey(random);
        write(folder.resolve("ca.crt"), Pem.certificate(ca.caCertificate()));
        write(folder.resolve("server.crt"), Pem.certificate(server.certificate()));
        write(folder.resolve("server.key"), Pem.privateKey(server.privateKey()));
        write(folder.resolve("tc.key"), staticKey);
        List<String> conf = new ArrayList<>(List.of(
                "dev tun",
                "proto udp",
                "local " + ConnectLab.SERVER_ADDRESS,
                "port 1194",
                "ca " + folder.resolve("ca.crt"),
                "cert " + folder.resolve("server.crt"),
                "key " + folder.resolve("server.key"),
                "tls-crypt " + folder.resolve("tc.key"),
                "dh none",
                "server 10.77.0.0 255.255.255.0",
                "topology subnet",
                "keepalive 10 60",
                "data-ciphers AES-256-GCM:CHACHA20-POLY1305",
                "push \"route " + ConnectLab.PRIVATE_NETWORK + " 255.255.255.0\"",
                "push \"dhcp-option DNS " + ConnectLab.PRIVATE_HOST + "\"",
                "push \"dhcp-option DOMAIN corridor.test\"",
                "push \"echo Welcome to the Corridor connect lab\"",
                "management 127.0.0.1 7505",
                "verb 3"));
        if (push == Push.FULL_TUNNEL) {
            conf.add("push \"redirect-gateway def1\"");
        }
        write(folder.resolve("server.conf"), String.join("\n", conf) + "\n");
        String profile = "client\ndev tun\nproto udp\nremote " + ConnectLab.SERVER_ADDRESS + " 1194\n"
                + "nobind\nremote-cert-tls server\nverb 3\ndata-ciphers AES-256-GCM:CHACHA20-POLY1305\n"
                + "<ca>\n" + Pem.certificate(ca.caCertificate()) + "</ca>\n"
                + "<cert>\n" + Pem.certificate(client.certificate()) + "</cert>\n"
                + "<key>\n" + Pem.privateKey(client.privateKey()) + "</key>\n"
                + "<tls-crypt>\n" + staticKey + "</tls-crypt>\n";
        Path log = folder.resolve("server.log");
        Process process = new ProcessBuilder(ConnectLab.exec(ConnectLab.SERVER, "openvpn", "--config",
                folder.resolve("server.conf").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OpenVpnLabServer started = new OpenVpnLabServer(process, folder, log, profile);
        try {
            started.awaitLog("Initialization Sequence Completed", Duration.ofSeconds(20));
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    @Override
    public Path writeClientProfile(Path target) throws IOException {
        Path file = target.resolve("client.ovpn");
        write(file, clientProfile);
        return file;
    }

    /** Finds the client's id through the management interface and kills it with RESTART or HALT. */
    @Override
    public void endClientSession(boolean halt) throws InterruptedException {
        String status = management("status 3");
        String cid = status.lines().filter(line -> line.startsWith("CLIENT_LIST\t"))
                .map(line -> line.split("\t")).filter(fields -> fields.length > 10).map(fields -> fields[10])
                .findFirst().orElseThrow(() -> new IllegalStateException("no client in the status:\n" + status));
        String command = "client-kill " + cid + (halt ? " HALT" : " RESTART");
        String answer = management(command);
        if (!answer.contains("SUCCESS")) {
            throw new IllegalStateException(command + ": " + answer);
        }
    }

    private static String management(String command) {
        return ConnectLab.in(ConnectLab.SERVER, "timeout", "5", "bash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/7505; printf '" + command + "\\n' >&3; sleep 0.5;"
                        + " printf 'quit\\n' >&3; cat <&3");
    }

    @Override
    public String log() {
        return new ServerProcessLog("openvpn", process, log).text();
    }

    @Override
    public void awaitLog(String text, Duration timeout) throws InterruptedException {
        new ServerProcessLog("openvpn", process, log).await(text, timeout);
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
    }
}
