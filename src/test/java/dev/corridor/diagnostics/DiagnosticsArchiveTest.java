package dev.corridor.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants every kind of secret in a data folder (logs, rolled logs, stored profiles, preferences),
 * exports it, and checks that no secret is in any zip entry while the useful context is; and that
 * a failed export leaves no zip, whole or half, behind.
 */
class DiagnosticsArchiveTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T23:59:01Z"), ZoneOffset.UTC);

    /** Marker strings that are secret; none may appear in the archive. */
    private static final List<String> SECRETS = new ArrayList<>();

    private static String secret(String marker) {
        SECRETS.add(marker);
        return marker;
    }

    private static final String PEM_KEY = "-----BEGIN PRIVATE KEY-----\n"
            + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + secret("pemKEYmarkAAAA") + "\n"
            + secret("pemSECONDlineMARK") + "==\n"
            + "-----END PRIVATE KEY-----";
    private static final String RSA_KEY = "-----BEGIN RSA PRIVATE KEY-----\n"
            + secret("rsaKEYmarkBBBB") + "\n-----END RSA PRIVATE KEY-----";
    private static String staticKey(String mark) {
        return "-----BEGIN OpenVPN Static key V1-----\n"
                + "6acef03f62675b4b1bbd03e53b1877aa\n" + secret(mark) + "\n"
                + "-----END OpenVPN Static key V1-----";
    }
    private static final String SAML = Base64.getEncoder().encodeToString(
            ("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                    + "<saml:NameID>" + secret("samlNAMEmark") + "@example.com</saml:NameID></samlp:Response>")
                    .getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path data;
    @TempDir
    Path out;

    private void plant() throws IOException {
        Path logs = Files.createDirectories(data.resolve("logs"));
        Files.writeString(logs.resolve("corridor.log"), String.join("\n",
                "2026-11-28T23:00:00.000Z INFO  [main] Engine - connecting to vpn.example.com:443",
                "2026-11-28T23:00:01.000Z DEBUG [main] Engine - sent password=" + secret("pwPAIRmark99"),
                "2026-11-28T23:00:02.000Z DEBUG [main] Engine - {\"username\":\"bob\",\"password\":\""
                        + secret("jsonPWmark") + "\"}",
                "2026-11-28T23:00:03.000Z DEBUG [main] Engine - PUSH_REPLY,route 10.0.0.0,auth-token "
                        + secret("SESS_ID_tokenMARK") + ",ping 10",
                "2026-11-28T23:00:04.000Z DEBUG [acs] Acs - SAMLResponse=" + SAML.replace("+", "%2B")
                        + "&RelayState=" + secret("relayMARK77"),
                "2026-11-28T23:00:05.000Z DEBUG [acs] Acs - raw " + SAML,
                "2026-11-28T23:00:06.000Z DEBUG [main] Engine - AUTH_FAILED,CRV1:R,E:" + secret("crv1STATEmark")
                        + ":Ym9i:Enter your code",
                "2026-11-28T23:00:07.000Z DEBUG [main] Engine - answer CRV1::" + secret("crv1STATEtwo") + "::"
                        + secret("crv1ANSWERmark"),
                "2026-11-28T23:00:08.000Z DEBUG [main] Users - otpauth://totp/Corridor:alice?secret="
                        + secret("JBSWY3DPEHPK3PXQ") + "&issuer=Corridor",
                "2026-11-28T23:00:09.000Z DEBUG [main] Users - totp_secret: " + secret("GEZDGNBVGY3TQOJQ"),
                "2026-11-28T23:00:10.000Z DEBUG [main] Users - otp=" + secret("731946"),
                "2026-11-28T23:00:11.000Z ERROR [main] Profile - bad key " + PEM_KEY,
                ""));
        Files.writeString(logs.resolve("corridor.2026-11-27.0.log"), String.join("\n",
                "2026-11-27T10:00:00.000Z DEBUG [main] Profile - inline " + staticKey("rolledSTATICmark"),
                "2026-11-27T10:00:01.000Z DEBUG [main] Auth - Authorization: Bearer " + secret("bearerMARK55"),
                "2026-11-27T10:00:02.000Z DEBUG [main] Auth - management: password \"Auth\" " + secret("mgmtPWmark"),
                ""));
        Files.writeString(logs.resolve("unrelated.txt"), "not a log " + "password=notIncludedAnyway");

        Path profiles = Files.createDirectories(data.resolve("profiles"));
        Files.writeString(profiles.resolve("index.json"), "{\"version\":1,\"profiles\":[{\"id\":\"0123456789abcdef\","
                + "\"name\":\"Work\",\"file\":\"0123456789abcdef.ovpn\",\"source\":\"/home/bob/work.ovpn\"}]}");
        Files.writeString(profiles.resolve("0123456789abcdef.ovpn"), String.join("\n",
                "client", "dev tun", "proto udp", "remote vpn.example.com 443",
                "<ca>", "-----BEGIN CERTIFICATE-----", "MIIBcaCERTIFICATEkeptMARK", "-----END CERTIFICATE-----", "</ca>",
                "<key>", PEM_KEY, "</key>",
                "<tls-crypt>", staticKey("tlsCRYPTmark"), "</tls-crypt>",
                "<tls-auth>", staticKey("tlsAUTHmark"), "</tls-auth>",
                "<secret>", staticKey("secretBLOCKmark"), "</secret>",
                "<tls-crypt-v2>" + secret("unarmoredV2mark") + "</tls-crypt-v2>",
                "<key>" + secret("sameLINEkeyMARK") + "</key>",
                "<auth-user-pass>", "bob", secret("inlinePWmark"), "</auth-user-pass>",
                "auth-token " + secret("profileTOKENmark"),
                RSA_KEY,
                ""));
        Files.writeString(data.resolve("preferences.json"), "{\"version\":1,\"logLevel\":\"DEBUG\","
                + "\"proxyPassword\":\"" + secret("prefPWmark") + "\"}");
    }

    private static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void noPlantedSecretIsInAnyEntryWhileTheContextStays() throws IOException {
        plant();
        Path zip = out.resolve(DiagnosticsArchive.defaultFileName(CLOCK));
        int written = new DiagnosticsArchive().write(zip, new DiagnosticsContents(data, CLOCK).entries());

        Map<String, String> entries = unzip(zip);
        assertThat(written).isEqualTo(entries.size());
        assertThat(zip.getFileName().toString()).isEqualTo("corridor-diagnostics-20261128-235901.zip");
        assertThat(entries).containsKeys("manifest.txt", "system.txt", "logs/corridor.log",
                "logs/corridor.2026-11-27.0.log", "profiles/index.json", "profiles/0123456789abcdef.ovpn",
                "preferences.json");
        assertThat(entries).doesNotContainKey("logs/unrelated.txt");
        assertThat(SECRETS).hasSizeGreaterThan(20);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            for (String secret : SECRETS) {
                assertThat(entry.getValue()).as(entry.getKey() + " must not contain " + secret).doesNotContain(secret);
            }
            assertThat(entry.getValue()).as(entry.getKey()).doesNotContain(SAML.substring(10, 40));
        }
        String profile = entries.get("profiles/0123456789abcdef.ovpn");
        assertThat(profile).contains("remote vpn.example.com 443", "MIIBcaCERTIFICATEkeptMARK",
                "<tls-crypt>", "</tls-crypt>", "<key>", "[redacted]");
        assertThat(entries.get("logs/corridor.log")).contains("connecting to vpn.example.com:443", "password=[redacted]");
        assertThat(entries.get("system.txt")).contains("Java " + System.getProperty("java.version"), "Network interfaces");
        assertThat(entries.get("manifest.txt")).contains("logs/corridor.log", "[redacted]");
    }

    @Test
    void aFailureHalfWayLeavesNoZipAndKeepsAnOlderOne() throws IOException {
        plant();
        Path zip = out.resolve("diag.zip");
        List<ArchiveEntry> entries = new ArrayList<>(new DiagnosticsContents(data, CLOCK).entries());
        entries.add(new ArchiveEntry() {
            @Override
            public String name() {
                return "broken.txt";
            }

            @Override
            public String text() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public Redaction redaction() {
                return Redaction.TEXT;
            }
        });

        assertThatThrownBy(() -> new DiagnosticsArchive().write(zip, entries)).hasMessageContaining("disk gone");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).as("no zip and no temporary file").isEmpty();
        }

        Files.writeString(zip, "an older archive");
        assertThatThrownBy(() -> new DiagnosticsArchive().write(zip, entries)).isInstanceOf(IOException.class);
        assertThat(Files.readString(zip)).isEqualTo("an older archive");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).containsExactly(zip);
        }
    }

    @Test
    void anArchiveIsOwnerOnlyAndAMissingFolderIsAClearError() throws IOException {
        Path zip = out.resolve("d.zip");
        new DiagnosticsArchive().write(zip, new DiagnosticsContents(data, CLOCK).entries());
        if (dev.corridor.platform.OwnerOnly.posix()) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)))
                    .isEqualTo("rw-------");
        }
        assertThat(unzip(zip)).containsKeys("manifest.txt", "system.txt");
        assertThatThrownBy(() -> new DiagnosticsArchive().write(out.resolve("nope/d.zip"), List.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theTailOfAKeyWhoseBeginningWasCutOffIsMasked() {
        String tail = "ZmFrZWtleW1hcmtlcg==\ncutKEYtailMARK\n-----END PRIVATE KEY-----\nnext line";
        String redacted = new ArchiveRedactor().redact(tail, ArchiveEntry.Redaction.TEXT);
        assertThat(redacted).doesNotContain("cutKEYtailMARK").contains("-----END PRIVATE KEY-----", "next line");
    }
}
