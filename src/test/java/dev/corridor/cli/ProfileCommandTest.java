package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corridor.platform.CorridorVersion;
import dev.corridor.platform.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Drives {@code corridor profile ...} in-process against a temporary data folder and checks output and exit codes. */
class ProfileCommandTest {
    private static final String AWS_ENDPOINT =
            "cvpn-endpoint-0123456789abcdef0.prod.clientvpn.us-east-1.amazonaws.com:443/udp";
    /** A diagnostic line in the compiler-style form FILE:LINE: error: MESSAGE. */
    private static final String ERROR_LINE = "(?m)^.+:\\d+: error: \\S.*$";

    @TempDir
    Path data;
    @TempDir
    Path work;

    private String previousHome;

    @BeforeEach
    void pointTheDataFolderAtATemporaryFolder() {
        previousHome = System.getProperty(DataDirectory.OVERRIDE_PROPERTY);
        System.setProperty(DataDirectory.OVERRIDE_PROPERTY, data.toString());
    }

    @AfterEach
    void restoreTheDataFolder() {
        if (previousHome == null) {
            System.clearProperty(DataDirectory.OVERRIDE_PROPERTY);
        } else {
            System.setProperty(DataDirectory.OVERRIDE_PROPERTY, previousHome);
        }
    }

    /** What one command printed and returned. */
    record Run(int exitCode, String out, String err) {
        Run assertNoStackTrace() {
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(out).doesNotContain("Exception").doesNotContain("\tat ");
            return this;
        }

        /** Every stderr line is a diagnostic or the closing summary: nothing else, in particular no trace. */
        Run assertStderrIsOnlyDiagnostics() {
            assertThat(err.lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .matches(".+:\\d+: (error|warning): \\S.*|.+: not usable: \\d+ error\\(s\\), \\d+ warning\\(s\\)"));
            return this;
        }
    }

    private static Run corridor(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path fixture(String relative) {
        try {
            return Path.of(ProfileCommandTest.class.getResource("/profiles/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> invalidFixtures() throws IOException {
        try (Stream<Path> files = Files.list(fixture("invalid"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ovpn")).sorted().toList()
                    .stream();
        }
    }

    private Path storedProfiles() {
        return data.resolve("profiles");
    }

    private List<Path> storedOvpnFiles() throws IOException {
        if (!Files.isDirectory(storedProfiles())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(storedProfiles())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ovpn")).toList();
        }
    }

    /** Files that are not profiles, each written into the scratch folder. */
    private Path badInput(String kind) throws IOException {
        Random random = new Random(42);
        switch (kind) {
            case "missing":
                return work.resolve("does-not-exist.ovpn");
            case "empty":
                return Files.write(work.resolve("empty.ovpn"), new byte[0]);
            case "junk-5mb": {
                byte[] bytes = new byte[5 * 1024 * 1024];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (random.nextInt(10) == 0 ? '\n' : 32 + random.nextInt(95));
                }
                return Files.write(work.resolve("junk.ovpn"), bytes);
            }
            case "binary": {
                byte[] bytes = new byte[8192];
                random.nextBytes(bytes);
                bytes[100] = 0;
                return Files.write(work.resolve("binary.ovpn"), bytes);
            }
            case "latin1":
                return Files.write(work.resolve("latin1.ovpn"),
                        "client\nremote caf\u00e9.example 443\n".getBytes(StandardCharsets.ISO_8859_1));
            case "directory":
                return Files.createDirectories(work.resolve("folder.ovpn"));
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    private Run importFixture(String relative, String... extra) {
        String[] args = Stream.concat(Stream.of("profile", "import", fixture(relative).toString()), Stream.of(extra))
                .toArray(String[]::new);
        Run run = corridor(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Nested
    class TopLevel {
        /** Without arguments corridor opens the window (dev.corridor.ui.DesktopWindowTest); --help prints the usage. */
        @Test
        void helpPrintsUsage() {
            Run run = corridor("--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: corridor").contains("profile");
            assertThat(run.err()).isEmpty();
        }

        @Test
        void profileWithoutSubcommandPrintsItsUsage() {
            Run run = corridor("profile");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: corridor profile").contains("import").contains("validate");
        }

        @Test
        void versionPrintsTheBuildVersion() {
            Run run = corridor("--version");

            assertThat(run.exitCode()).isZero();
            assertThat(CorridorVersion.version()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(run.out().lines().findFirst()).hasValue("Corridor " + CorridorVersion.version());
        }

        @Test
        void anUnknownOptionIsAUsageError() {
            Run run = corridor("profile", "list", "--no-such-option").assertNoStackTrace();

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("--no-such-option");
        }
    }

    @Nested
    class Validate {
        @ParameterizedTest
        @ValueSource(strings = {"valid/aws-mutual.ovpn", "valid/aws-federated.ovpn",
                "valid/community-files/community-tls-auth-files.ovpn"})
        void aUsableProfileExitsZero(String relative) {
            Run run = corridor("profile", "validate", fixture(relative).toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains(fixture(relative).getFileName().toString()).contains(": usable (");
            assertThat(run.err()).doesNotContainPattern(ERROR_LINE);
        }

        @Test
        void reportsTheAuthenticationAndServers() {
            Run run = corridor("profile", "validate", fixture("valid/aws-mutual.ovpn").toString());

            assertThat(run.out()).contains("usable (certificate, " + AWS_ENDPOINT + ")");
        }

        @Test
        void validatingDoesNotStoreAnything() throws IOException {
            corridor("profile", "validate", fixture("valid/aws-mutual.ovpn").toString());

            assertThat(storedOvpnFiles()).isEmpty();
        }

        @Test
        void aBadPortIsReportedWithFileAndLine() {
            Run run = corridor("profile", "validate", fixture("invalid/bad-port.ovpn").toString()).assertNoStackTrace();

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("bad-port.ovpn:3: error:");
            assertThat(run.err()).containsPattern(ERROR_LINE);
            assertThat(run.err()).contains("not usable");
            assertThat(run.out()).doesNotContain("usable (");
        }

        @ParameterizedTest
        @MethodSource("dev.corridor.cli.ProfileCommandTest#invalidFixtures")
        void everyInvalidFixtureExitsOneWithErrorLines(String name) {
            // Some key-check messages quote a library's exception name, so this checks the shape of every line.
            Run run = corridor("profile", "validate", fixture("invalid/" + name).toString())
                    .assertStderrIsOnlyDiagnostics();

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).containsPattern("(?m)^.*" + name.replace(".", "\\.") + ":\\d+: error: \\S");
        }

        @ParameterizedTest
        @ValueSource(strings = {"missing", "empty", "junk-5mb", "binary", "latin1", "directory"})
        void inputThatIsNotAProfileExitsOneWithoutAStackTrace(String kind) throws IOException {
            Path input = badInput(kind);

            Run run = corridor("profile", "validate", input.toString()).assertNoStackTrace();

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).containsPattern(ERROR_LINE).contains(input.getFileName().toString());
            assertThat(run.out()).isEmpty();
        }

        @Test
        void aNonUtf8FileIsReportedAtTheLineWithTheBadBytes() throws IOException {
            Path input = badInput("latin1");

            Run run = corridor("profile", "validate", input.toString());

            assertThat(run.err()).contains("latin1.ovpn:2: error:").contains("UTF-8");
        }
    }

    @Nested
    class ImportAndManage {
        @Test
        void importThenListAsATable() {
            Run imported = importFixture("valid/aws-mutual.ovpn");
            assertThat(imported.out()).contains("Imported \"aws-mutual\" (certificate, " + AWS_ENDPOINT + ")");
            importFixture("valid/aws-federated.ovpn", "--name", "Federated");

            Run list = corridor("profile", "list");

            assertThat(list.exitCode()).isZero();
            List<String> lines = list.out().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("NAME").contains("AUTHENTICATION").contains("SERVERS");
            assertThat(lines.get(1)).startsWith("aws-mutual ").contains("certificate").endsWith(AWS_ENDPOINT);
            assertThat(lines.get(2)).startsWith("Federated ").contains("saml").endsWith(AWS_ENDPOINT);
        }

        @Test
        void anEmptyListSaysHowToImport() {
            Run list = corridor("profile", "list");

            assertThat(list.exitCode()).isZero();
            assertThat(list.out()).contains("No profiles yet").contains("corridor profile import");
        }

        @Test
        void listAsJson() throws IOException {
            importFixture("valid/aws-mutual.ovpn");
            importFixture("valid/community-files/community-tls-auth-files.ovpn", "--name", "Community");

            Run list = corridor("profile", "list", "--json");

            assertThat(list.exitCode()).isZero();
            JsonNode rows = new ObjectMapper().readTree(list.out());
            assertThat(rows.isArray()).isTrue();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("name").asText()).isEqualTo("aws-mutual");
            assertThat(rows.get(0).get("authentication").asText()).isEqualTo("certificate");
            assertThat(rows.get(0).get("remotes")).extracting(JsonNode::asText).containsExactly(AWS_ENDPOINT);
            assertThat(rows.get(0).get("source").asText()).isEqualTo(fixture("valid/aws-mutual.ovpn").toString());
            assertThat(rows.get(0).get("id").asText()).matches("[0-9a-f]{16}");
            assertThat(rows.get(1).get("name").asText()).isEqualTo("Community");
            assertThat(rows.get(1).get("authentication").asText()).isEqualTo("certificate");
            assertThat(rows.get(1).get("remotes")).extracting(JsonNode::asText)
                    .containsExactly("vpn.corridor.test:1194/udp");
        }

        @Test
        void anEmptyJsonListIsAnEmptyArray() throws IOException {
            Run list = corridor("profile", "list", "--json");

            assertThat(list.exitCode()).isZero();
            JsonNode rows = new ObjectMapper().readTree(list.out());
            assertThat(rows.isArray()).isTrue();
            assertThat(rows).isEmpty();
        }

        @Test
        void showHidesPrivateKeysUnlessAskedTo() {
            importFixture("valid/community-files/community-tls-auth-files.ovpn", "--name", "Community");

            Run hidden = corridor("profile", "show", "community");
            Run withKeys = corridor("profile", "show", "Community", "--with-keys");

            assertThat(hidden.exitCode()).isZero();
            assertThat(hidden.out()).contains("# Name:           Community")
                    .contains("<ca>", "<cert>", "<key>", "<tls-auth>", "BEGIN CERTIFICATE", "--with-keys")
                    .doesNotContain("PRIVATE KEY-----", "OpenVPN Static key");
            assertThat(withKeys.exitCode()).isZero();
            assertThat(withKeys.out()).contains("-----BEGIN PRIVATE KEY-----", "-----BEGIN OpenVPN Static key V1-----")
                    .doesNotContain("[hidden");
        }

        @Test
        void renameChangesTheListedName() {
            importFixture("valid/aws-mutual.ovpn");

            Run rename = corridor("profile", "rename", "AWS-MUTUAL", "Office");

            assertThat(rename.exitCode()).as(rename.err()).isZero();
            assertThat(rename.out()).contains("\"Office\"");
            Run list = corridor("profile", "list");
            assertThat(list.out()).contains("Office").doesNotContain("aws-mutual");
            assertThat(corridor("profile", "show", "aws-mutual").exitCode()).isEqualTo(1);
            assertThat(corridor("profile", "show", "office").exitCode()).isZero();
        }

        @Test
        void renameOntoATakenNameFails() {
            importFixture("valid/aws-mutual.ovpn");
            importFixture("valid/aws-federated.ovpn");

            Run rename = corridor("profile", "rename", "aws-mutual", "aws-federated").assertNoStackTrace();

            assertThat(rename.exitCode()).isEqualTo(1);
            assertThat(rename.err()).contains("already exists");
        }

        @Test
        void deleteRemovesTheProfileAndItsFile() throws IOException {
            importFixture("valid/aws-mutual.ovpn");
            assertThat(storedOvpnFiles()).hasSize(1);

            Run delete = corridor("profile", "delete", "aws-mutual");

            assertThat(delete.exitCode()).isZero();
            assertThat(delete.out()).contains("Deleted \"aws-mutual\"");
            assertThat(storedOvpnFiles()).isEmpty();
            assertThat(corridor("profile", "list").out()).contains("No profiles yet");
        }

        @Test
        void importingTwiceFailsWithTheReason() throws IOException {
            importFixture("valid/aws-mutual.ovpn");

            Run again = corridor("profile", "import", fixture("valid/aws-mutual.ovpn").toString()).assertNoStackTrace();

            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("already imported").contains("--name");
            assertThat(again.out()).isEmpty();
            assertThat(storedOvpnFiles()).hasSize(1);
            importFixture("valid/aws-mutual.ovpn", "--name", "second copy");
            assertThat(storedOvpnFiles()).hasSize(2);
        }

        @Test
        void importingAnInvalidProfilePrintsItsDiagnosticsAndStoresNothing() throws IOException {
            Run run = corridor("profile", "import", fixture("invalid/bad-port.ovpn").toString()).assertNoStackTrace();

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("bad-port.ovpn:3: error:").contains("not imported");
            assertThat(storedOvpnFiles()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"missing", "empty", "junk-5mb", "binary", "latin1", "directory"})
        void importingSomethingThatIsNotAProfileFailsCleanly(String kind) throws IOException {
            Path input = badInput(kind);

            Run run = corridor("profile", "import", input.toString()).assertNoStackTrace();

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(input.getFileName().toString());
            assertThat(storedOvpnFiles()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"show", "delete", "rename"})
        void anUnknownProfileNameIsAClearFailure(String command) {
            Run run = (command.equals("rename") ? corridor("profile", command, "ghost", "spirit")
                    : corridor("profile", command, "ghost")).assertNoStackTrace();

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("no profile named \"ghost\"");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void aDamagedIndexIsReportedWithoutAStackTrace() throws IOException {
            importFixture("valid/aws-mutual.ovpn");
            Path index = storedProfiles().resolve("index.json");
            Files.writeString(index, "{\"version\":1,\"profiles\":[{\"id\":5}]}");

            Run run = corridor("profile", "list").assertNoStackTrace();

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(index.toString()).contains("$.profiles[0]");
            assertThat(index).hasContent("{\"version\":1,\"profiles\":[{\"id\":5}]}");
        }
    }
}
