package dev.corridor.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks {@link ProfileStore}: import, list, rename, delete, permissions, and recovery after crashes. */
class ProfileStoreTest {
    /** Inside the fixture certificates' validity (2026 to 2126). */
    private static final Instant NOW = Instant.parse("2027-03-04T05:06:07Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ProfileParser PARSER =
            new ProfileParser(DirectiveCatalogue.forPlatform(DirectiveCatalogue.PlatformKind.LINUX), CLOCK);
    private static final String AWS_ENDPOINT =
            "cvpn-endpoint-0123456789abcdef0.prod.clientvpn.us-east-1.amazonaws.com:443/udp";

    @TempDir
    Path data;

    private ProfileStore store;

    @BeforeEach
    void openStore() throws ProfileStoreException {
        store = ProfileStore.open(data, PARSER, CLOCK);
    }

    static Path fixture(String relative) {
        try {
            return Path.of(ProfileStoreTest.class.getResource("/profiles/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path valid(String name) {
        return fixture("valid/" + name);
    }

    static Path invalid(String name) {
        return fixture("invalid/" + name);
    }

    private Path profiles() {
        return data.resolve("profiles");
    }

    private Path index() {
        return profiles().resolve(ProfileStore.INDEX);
    }

    private List<String> filesInStore() throws IOException {
        try (Stream<Path> files = Files.list(profiles())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> storedOvpnFiles() throws IOException {
        return filesInStore().stream().filter(n -> n.endsWith(".ovpn")).toList();
    }

    private List<String> tempFiles() throws IOException {
        return filesInStore().stream().filter(n -> n.endsWith(".tmp")).toList();
    }

    private static List<String> names(List<StoredProfile> profiles) {
        return profiles.stream().map(StoredProfile::name).toList();
    }

    /** A writer that fails just before renaming onto any target the predicate accepts: a simulated crash. */
    private static AtomicFileWriter crashingBefore(Predicate<Path> target) {
        return new AtomicFileWriter() {
            @Override
            protected void beforeRename(Path temp, Path renameTarget) throws IOException {
                if (target.test(renameTarget)) {
                    throw new IOException("simulated crash before renaming onto " + renameTarget.getFileName());
                }
            }
        };
    }

    private static Predicate<Path> named(String fileName) {
        return p -> p.getFileName().toString().equals(fileName);
    }

    private static Predicate<Path> storedProfileFile() {
        return p -> p.getFileName().toString().endsWith(".ovpn");
    }

    @Nested
    class Importing {
        @Test
        void storesAValidProfileUnderItsFileName() throws Exception {
            Path source = valid("aws-mutual.ovpn");

            ProfileStore.Imported imported = store.importFile(source, Optional.empty());

            StoredProfile entry = imported.profile();
            assertThat(entry.name()).isEqualTo("aws-mutual");
            assertThat(entry.id()).matches("[0-9a-f]{16}");
            assertThat(entry.file()).isEqualTo(entry.id() + ".ovpn");
            assertThat(entry.source()).isEqualTo(source.toAbsolutePath().toString());
            assertThat(entry.importedAt()).isEqualTo(NOW);
            assertThat(entry.remotes()).containsExactly(AWS_ENDPOINT);
            assertThat(entry.authentication()).isEqualTo("certificate");
            assertThat(entry.sha256()).matches("[0-9a-f]{64}");
            assertThat(profiles().resolve(entry.file())).isRegularFile();
            assertThat(store.list()).containsExactly(entry);
        }

        @Test
        void theIndexSurvivesReopening() throws Exception {
            StoredProfile entry = store.importFile(valid("aws-mutual.ovpn"), Optional.empty()).profile();

            ProfileStore reopened = ProfileStore.open(data, PARSER, CLOCK);

            assertThat(reopened.list()).containsExactly(entry);
            assertThat(storedOvpnFiles()).containsExactly(entry.file());
        }

        @Test
        void usesTheRequestedName() throws Exception {
            StoredProfile entry = store.importFile(valid("aws-mutual.ovpn"), Optional.of("Work VPN")).profile();

            assertThat(entry.name()).isEqualTo("Work VPN");
            assertThat(store.get("Work VPN")).isEqualTo(entry);
        }

        @Test
        void storesSelfContainedTextWithReferencedFilesInlined() throws Exception {
            StoredProfile entry = store.importFile(valid("community-files/community-tls-auth-files.ovpn"),
                    Optional.empty()).profile();
            assertThat(entry.name()).isEqualTo("community-tls-auth-files");

            String stored = Files.readString(profiles().resolve(entry.file()), StandardCharsets.UTF_8);

            assertThat(stored).isEqualTo(store.text("community-tls-auth-files"));
            assertThat(stored).contains("<ca>", "</ca>", "<cert>", "</cert>", "<key>", "</key>",
                    "<tls-auth>", "</tls-auth>");
            assertThat(stored.lines()).contains("key-direction 1");
            assertThat(stored.lines()).noneMatch(l -> l.strip().matches("(ca|cert|key|tls-auth)\\s+\\S+.*"));
            assertThat(stored).doesNotContain("ca ca.crt", "cert client.crt", "key client.key", "ta.key");
            String caFile = Files.readString(valid("community-files/ca.crt")).strip();
            assertThat(stored).contains(caFile.lines().skip(1).findFirst().orElseThrow());
        }

        @Test
        void theStoredTextParsesAgainWithoutAnyFileAccess() throws Exception {
            store.importFile(valid("community-files/community-tls-auth-files.ovpn"), Optional.of("community"));

            ParseResult reloaded = store.load("community");

            assertThat(reloaded.errors()).isEmpty();
            assertThat(reloaded.usable()).isTrue();
            assertThat(reloaded.profile().orElseThrow().remotes()).extracting(Remote::display)
                    .containsExactly("vpn.corridor.test:1194/udp");
        }

        @Test
        void anInvalidProfileIsRefusedWithItsDiagnosticsAndNothingIsStored() throws Exception {
            assertThatThrownBy(() -> store.importFile(invalid("bad-port.ovpn"), Optional.empty()))
                    .isInstanceOfSatisfying(InvalidProfileException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.INVALID_PROFILE);
                        assertThat(e.diagnostics()).isNotEmpty();
                        assertThat(e.diagnostics()).anySatisfy(d -> {
                            assertThat(d.isError()).isTrue();
                            assertThat(d.line()).isEqualTo(3);
                            assertThat(d.file()).endsWith("bad-port.ovpn");
                        });
                    });

            assertThat(store.list()).isEmpty();
            assertThat(index()).doesNotExist();
            assertThat(storedOvpnFiles()).isEmpty();
            assertThat(tempFiles()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"missing-ca.ovpn", "empty.ovpn", "binary.ovpn", "not-utf8.ovpn",
                "missing-file.ovpn", "server-directive.ovpn"})
        void otherInvalidFixturesAreRefusedToo(String fixture) throws Exception {
            assertThatThrownBy(() -> store.importFile(invalid(fixture), Optional.empty()))
                    .isInstanceOfSatisfying(InvalidProfileException.class,
                            e -> assertThat(e.diagnostics()).anyMatch(Diagnostic::isError));

            assertThat(store.list()).isEmpty();
            assertThat(storedOvpnFiles()).isEmpty();
        }

        @Test
        void aMissingFileIsReportedAsSuch() {
            Path missing = data.resolve("nowhere.ovpn");

            assertThatThrownBy(() -> store.importFile(missing, Optional.empty()))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.INVALID_PROFILE))
                    .hasMessageContaining("nowhere.ovpn");
        }

        @Test
        void importingTheSameFileTwiceIsRefusedWithAHintAboutName() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.empty());

            assertThatThrownBy(() -> store.importFile(valid("aws-mutual.ovpn"), Optional.empty()))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.ALREADY_IMPORTED))
                    .hasMessageContaining("aws-mutual")
                    .hasMessageContaining("--name");
            assertThat(store.list()).hasSize(1);
            assertThat(storedOvpnFiles()).hasSize(1);
        }

        @Test
        void theSameFileCanBeImportedAgainUnderAnotherName() throws Exception {
            StoredProfile first = store.importFile(valid("aws-mutual.ovpn"), Optional.empty()).profile();

            StoredProfile copy = store.importFile(valid("aws-mutual.ovpn"), Optional.of("aws-mutual copy")).profile();

            assertThat(names(store.list())).containsExactly("aws-mutual", "aws-mutual copy");
            assertThat(copy.id()).isNotEqualTo(first.id());
            assertThat(copy.sha256()).isEqualTo(first.sha256());
            assertThat(storedOvpnFiles()).containsExactlyInAnyOrder(first.file(), copy.file());
        }

        @Test
        void aDifferentProfileUnderATakenNameIsRefused() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("Work"));

            assertThatThrownBy(() -> store.importFile(valid("aws-federated.ovpn"), Optional.of("WORK")))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.NAME_TAKEN))
                    .hasMessageContaining("\"Work\"");
            assertThat(store.list()).extracting(StoredProfile::authentication).containsExactly("certificate");
            assertThat(storedOvpnFiles()).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", " leading", "trailing ", "tab\there", "new\nline"})
        void invalidRequestedNamesAreRefused(String name) throws Exception {
            assertThatThrownBy(() -> store.importFile(valid("aws-mutual.ovpn"), Optional.of(name)))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.INVALID_NAME));
            assertThat(store.list()).isEmpty();
            assertThat(storedOvpnFiles()).isEmpty();
        }

        @Test
        void importTextStoresProfileTextFromElsewhere() throws Exception {
            byte[] bytes = Files.readAllBytes(valid("aws-federated.ovpn"));

            StoredProfile entry = store.importText("From portal", bytes, "https://portal.example/profile").profile();

            assertThat(entry.source()).isEqualTo("https://portal.example/profile");
            assertThat(store.get("from portal")).isEqualTo(entry);
            assertThat(store.load("From portal").usable()).isTrue();
        }

        @Test
        void importTextRefusesFileReferences() throws Exception {
            byte[] bytes = Files.readAllBytes(valid("community-files/community-tls-auth-files.ovpn"));

            assertThatThrownBy(() -> store.importText("community", bytes, "download"))
                    .isInstanceOf(InvalidProfileException.class);
            assertThat(store.list()).isEmpty();
        }
    }

    @Nested
    class Listing {
        @Test
        void anEmptyStoreListsNothing() throws Exception {
            assertThat(store.list()).isEmpty();
        }

        @Test
        void listsInImportOrderNotAlphabetically() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("zeta"));
            store.importFile(valid("aws-federated.ovpn"), Optional.of("alpha"));
            store.importFile(valid("community-tls-crypt.ovpn"), Optional.of("Mike"));

            assertThat(names(store.list())).containsExactly("zeta", "alpha", "Mike");
            assertThat(names(ProfileStore.open(data, PARSER, CLOCK).list())).containsExactly("zeta", "alpha", "Mike");
        }

        @Test
        void getIgnoresCase() throws Exception {
            StoredProfile entry = store.importFile(valid("aws-mutual.ovpn"), Optional.of("Work VPN")).profile();

            assertThat(store.get("work vpn")).isEqualTo(entry);
            assertThat(store.get("WORK VPN")).isEqualTo(entry);
            assertThat(store.text("wOrK vPn")).isEqualTo(Files.readString(profiles().resolve(entry.file())));
        }

        @Test
        void getOfAnUnknownNameIsNotFoundAndListsTheKnownNames() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("Work"));

            assertThatThrownBy(() -> store.get("Home"))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.NOT_FOUND))
                    .hasMessageContaining("\"Home\"")
                    .hasMessageContaining("Work");
        }
    }

    @Nested
    class Renaming {
        @Test
        void renamesAndKeepsEverythingElse() throws Exception {
            StoredProfile before = store.importFile(valid("aws-mutual.ovpn"), Optional.empty()).profile();

            StoredProfile after = store.rename("AWS-MUTUAL", "Office");

            assertThat(after.name()).isEqualTo("Office");
            assertThat(after).usingRecursiveComparison().ignoringFields("name").isEqualTo(before);
            assertThat(names(store.list())).containsExactly("Office");
            assertThat(names(ProfileStore.open(data, PARSER, CLOCK).list())).containsExactly("Office");
            assertThatThrownBy(() -> store.get("aws-mutual")).isInstanceOf(ProfileStoreException.class);
            assertThat(store.load("office").usable()).isTrue();
        }

        @Test
        void keepsThePositionInTheList() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("one"));
            store.importFile(valid("aws-federated.ovpn"), Optional.of("two"));
            store.importFile(valid("community-tls-crypt.ovpn"), Optional.of("three"));

            store.rename("two", "zwei");

            assertThat(names(store.list())).containsExactly("one", "zwei", "three");
        }

        @Test
        void canChangeOnlyTheCaseOfItsOwnName() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("office"));

            store.rename("office", "Office");

            assertThat(names(store.list())).containsExactly("Office");
        }

        @Test
        void ontoATakenNameFails() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("one"));
            store.importFile(valid("aws-federated.ovpn"), Optional.of("two"));

            assertThatThrownBy(() -> store.rename("one", "TWO"))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.NAME_TAKEN));
            assertThat(names(store.list())).containsExactly("one", "two");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", " padded ", "bell\u0007", "x\u0000y"})
        void toAnInvalidNameFails(String newName) throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("one"));

            assertThatThrownBy(() -> store.rename("one", newName))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.INVALID_NAME));
            assertThat(names(store.list())).containsExactly("one");
        }

        @Test
        void toANameLongerThanTheLimitFails() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("one"));
            String longest = "n".repeat(ProfileNames.MAX_LENGTH);

            store.rename("one", longest);
            assertThatThrownBy(() -> store.rename(longest, longest + "n"))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.INVALID_NAME));
            assertThat(names(store.list())).containsExactly(longest);
        }

        @Test
        void anUnknownProfileIsNotFound() {
            assertThatThrownBy(() -> store.rename("ghost", "spirit"))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.NOT_FOUND));
        }
    }

    @Nested
    class Deleting {
        @Test
        void removesTheFileAndTheEntry() throws Exception {
            StoredProfile keep = store.importFile(valid("aws-federated.ovpn"), Optional.empty()).profile();
            StoredProfile doomed = store.importFile(valid("aws-mutual.ovpn"), Optional.empty()).profile();

            StoredProfile deleted = store.delete("AWS-Mutual");

            assertThat(deleted).isEqualTo(doomed);
            assertThat(store.list()).containsExactly(keep);
            assertThat(profiles().resolve(doomed.file())).doesNotExist();
            assertThat(storedOvpnFiles()).containsExactly(keep.file());
            assertThatThrownBy(() -> store.get("aws-mutual")).isInstanceOf(ProfileStoreException.class);
        }

        @Test
        void theNameCanBeUsedAgainAfterwards() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.empty());
            store.delete("aws-mutual");

            store.importFile(valid("aws-mutual.ovpn"), Optional.empty());

            assertThat(names(store.list())).containsExactly("aws-mutual");
        }

        @Test
        void anUnknownProfileIsNotFound() {
            assertThatThrownBy(() -> store.delete("ghost"))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.NOT_FOUND))
                    .hasMessageContaining("ghost");
        }
    }

    @Nested
    class Permissions {
        @Test
        void theFolderAndEveryStoredFileAreOwnerOnly() throws Exception {
            assumeTrue(OwnerOnly.posix(), "POSIX permissions only");
            store.importFile(valid("aws-mutual.ovpn"), Optional.empty());
            store.importFile(valid("community-files/community-tls-auth-files.ovpn"), Optional.empty());
            store.rename("aws-mutual", "renamed");

            assertThat(mode(profiles())).isEqualTo("rwx------");
            assertThat(mode(index())).isEqualTo("rw-------");
            assertThat(storedOvpnFiles()).hasSize(2);
            for (String file : storedOvpnFiles()) {
                assertThat(mode(profiles().resolve(file))).as(file).isEqualTo("rw-------");
            }
        }

        @Test
        void anExistingFolderWithLooseModesIsTightenedOnOpen() throws Exception {
            assumeTrue(OwnerOnly.posix(), "POSIX permissions only");
            Files.setPosixFilePermissions(profiles(), PosixFilePermissions.fromString("rwxr-xr-x"));

            ProfileStore.open(data, PARSER, CLOCK);

            assertThat(mode(profiles())).isEqualTo("rwx------");
        }

        private String mode(Path path) throws IOException {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        }
    }

    @Nested
    class Concurrency {
        @Test
        void changesFromManyThreadsAndStoreInstancesAllLand() throws Exception {
            ProfileStore other = ProfileStore.open(data, PARSER, CLOCK);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<StoredProfile>> imports = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    ProfileStore target = i % 2 == 0 ? store : other;
                    String name = "profile " + i;
                    imports.add(threads.submit(() ->
                            target.importFile(valid("aws-mutual.ovpn"), Optional.of(name)).profile()));
                }
                for (Future<StoredProfile> future : imports) {
                    future.get(30, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            assertThat(names(store.list())).hasSize(16)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 16).mapToObj(i -> "profile " + i).toList());
            assertThat(storedOvpnFiles()).hasSize(16);
        }
    }

    @Nested
    class Crashes {
        @Test
        void aCrashBeforeTheIndexRenameLeavesThePreviousListAndTheNextOpenRemovesTheOrphan() throws Exception {
            StoredProfile existing = store.importFile(valid("aws-federated.ovpn"), Optional.empty()).profile();
            byte[] indexBefore = Files.readAllBytes(index());
            ProfileStore crashing = ProfileStore.open(data, PARSER, crashingBefore(named(ProfileStore.INDEX)), CLOCK);

            assertThatThrownBy(() -> crashing.importFile(valid("aws-mutual.ovpn"), Optional.empty()))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.STORAGE));
            // The profile's own file reached its final name; the index never did.
            assertThat(storedOvpnFiles()).hasSize(2);
            assertThat(index()).hasBinaryContent(indexBefore);

            ProfileStore reopened = ProfileStore.open(data, PARSER, CLOCK);

            assertThat(reopened.list()).containsExactly(existing);
            assertThat(storedOvpnFiles()).containsExactly(existing.file());
            assertThat(tempFiles()).isEmpty();
            assertThat(reopened.load("aws-federated").usable()).isTrue();
            reopened.importFile(valid("aws-mutual.ovpn"), Optional.empty());
            assertThat(names(reopened.list())).containsExactly("aws-federated", "aws-mutual");
        }

        @Test
        void aCrashBeforeTheFirstIndexIsWrittenLeavesAnEmptyStore() throws Exception {
            ProfileStore crashing = ProfileStore.open(data, PARSER, crashingBefore(named(ProfileStore.INDEX)), CLOCK);

            assertThatThrownBy(() -> crashing.importFile(valid("aws-mutual.ovpn"), Optional.empty()))
                    .isInstanceOf(ProfileStoreException.class);

            ProfileStore reopened = ProfileStore.open(data, PARSER, CLOCK);
            assertThat(reopened.list()).isEmpty();
            assertThat(index()).doesNotExist();
            assertThat(storedOvpnFiles()).isEmpty();
            assertThat(tempFiles()).isEmpty();
        }

        @Test
        void aCrashBeforeTheProfileRenameLeavesNothing() throws Exception {
            StoredProfile existing = store.importFile(valid("aws-federated.ovpn"), Optional.empty()).profile();
            byte[] indexBefore = Files.readAllBytes(index());
            List<String> filesBefore = filesInStore();
            ProfileStore crashing = ProfileStore.open(data, PARSER, crashingBefore(storedProfileFile()), CLOCK);

            assertThatThrownBy(() -> crashing.importFile(valid("aws-mutual.ovpn"), Optional.empty()))
                    .isInstanceOfSatisfying(ProfileStoreException.class, e ->
                            assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.STORAGE));

            assertThat(filesInStore()).isEqualTo(filesBefore);
            assertThat(index()).hasBinaryContent(indexBefore);
            assertThat(crashing.list()).containsExactly(existing);
            assertThat(ProfileStore.open(data, PARSER, CLOCK).list()).containsExactly(existing);
        }

        @Test
        void aCrashWhileRenamingKeepsTheOldName() throws Exception {
            store.importFile(valid("aws-mutual.ovpn"), Optional.of("before"));
            ProfileStore crashing = ProfileStore.open(data, PARSER, crashingBefore(named(ProfileStore.INDEX)), CLOCK);

            assertThatThrownBy(() -> crashing.rename("before", "after")).isInstanceOf(ProfileStoreException.class);

            ProfileStore reopened = ProfileStore.open(data, PARSER, CLOCK);
            assertThat(names(reopened.list())).containsExactly("before");
            assertThat(reopened.load("before").usable()).isTrue();
            assertThat(tempFiles()).isEmpty();
        }

        @Test
        void aCrashWhileDeletingKeepsTheProfileWhole() throws Exception {
            StoredProfile entry = store.importFile(valid("aws-mutual.ovpn"), Optional.empty()).profile();
            ProfileStore crashing = ProfileStore.open(data, PARSER, crashingBefore(named(ProfileStore.INDEX)), CLOCK);

            assertThatThrownBy(() -> crashing.delete("aws-mutual")).isInstanceOf(ProfileStoreException.class);

            ProfileStore reopened = ProfileStore.open(data, PARSER, CLOCK);
            assertThat(reopened.list()).containsExactly(entry);
            assertThat(profiles().resolve(entry.file())).isRegularFile();
            assertThat(reopened.load("aws-mutual").usable()).isTrue();
        }

        @Test
        void leftoversOfAKilledProcessAreRemovedAndUserFilesAreKept() throws Exception {
            StoredProfile existing = store.importFile(valid("aws-mutual.ovpn"), Optional.empty()).profile();
            byte[] indexBefore = Files.readAllBytes(index());
            Files.writeString(profiles().resolve(".index.json-123.tmp"), "{\"version\":1,\"profiles\":[{\"id\":\"01");
            Files.writeString(profiles().resolve("." + existing.file() + "-987.tmp"), "client\nremote half");
            Files.writeString(profiles().resolve("0123456789abcdef.ovpn"), "client\n");
            Files.writeString(profiles().resolve("my-notes.ovpn"), "a user's own file");
            Files.writeString(profiles().resolve("0123456789ABCDEF.ovpn"), "upper case: not a stored file");
            Files.writeString(profiles().resolve("0123456789abcdef0.ovpn"), "17 digits: not a stored file");
            Files.writeString(profiles().resolve("readme.txt"), "a user's own file");

            ProfileStore reopened = ProfileStore.open(data, PARSER, CLOCK);

            assertThat(reopened.list()).containsExactly(existing);
            assertThat(index()).hasBinaryContent(indexBefore);
            assertThat(tempFiles()).isEmpty();
            assertThat(profiles().resolve("0123456789abcdef.ovpn")).doesNotExist();
            assertThat(storedOvpnFiles()).containsExactlyInAnyOrder(existing.file(), "my-notes.ovpn",
                    "0123456789ABCDEF.ovpn", "0123456789abcdef0.ovpn");
            assertThat(profiles().resolve("readme.txt")).exists();
            assertThat(reopened.load("aws-mutual").usable()).isTrue();
            reopened.importFile(valid("aws-federated.ovpn"), Optional.empty());
            assertThat(names(reopened.list())).containsExactly("aws-mutual", "aws-federated");
        }

        @Test
        void leftoversAreRemovedEvenWithoutAnIndex() throws Exception {
            Files.writeString(profiles().resolve(".index.json-123.tmp"), "{\"version\":1,\"prof");
            Files.writeString(profiles().resolve("0123456789abcdef.ovpn"), "client\n");

            ProfileStore reopened = ProfileStore.open(data, PARSER, CLOCK);

            assertThat(reopened.list()).isEmpty();
            assertThat(storedOvpnFiles()).isEmpty();
            assertThat(tempFiles()).isEmpty();
        }
    }

    @Nested
    class DamagedIndex {
        private void damage(String json) throws IOException {
            Files.writeString(index(), json, StandardCharsets.UTF_8);
        }

        private ProfileStoreException storageFailure(ThrowingOperation operation) {
            try {
                operation.run();
            } catch (ProfileStoreException e) {
                assertThat(e.kind()).isEqualTo(ProfileStoreException.Kind.STORAGE);
                return e;
            } catch (Exception e) {
                throw new AssertionError("expected a ProfileStoreException, got " + e, e);
            }
            throw new AssertionError("expected a ProfileStoreException, nothing was thrown");
        }

        @Test
        void aMappingErrorNamesTheFileAndTheJsonPath() throws Exception {
            damage("{\"version\":1,\"profiles\":[{\"id\":5}]}");

            ProfileStoreException e = storageFailure(() -> store.list());

            assertThat(e.getMessage()).contains(index().toString()).contains("$.profiles[0]");
        }

        @Test
        void aWrongFieldTypeNamesTheField() throws Exception {
            damage("{\"version\":1,\"profiles\":[{\"id\":\"0123456789abcdef\",\"name\":{\"x\":1},"
                    + "\"file\":\"0123456789abcdef.ovpn\",\"importedAt\":\"2027-01-01T00:00:00Z\","
                    + "\"sha256\":\"ab\"}]}");

            ProfileStoreException e = storageFailure(() -> store.list());

            assertThat(e.getMessage()).contains(index().toString()).contains("$.profiles[0].name");
        }

        @Test
        void truncatedJsonNamesTheFile() throws Exception {
            damage("{\"version\":1,\"profiles\":[{\"id\":\"01");

            ProfileStoreException e = storageFailure(() -> store.list());

            assertThat(e.getMessage()).contains(index().toString()).contains("damaged");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "null", "[]", "42", "{\"version\":1,\"profiles\":[null]}", "not json at all"})
        void otherDamageIsAStorageErrorToo(String json) throws Exception {
            damage(json);

            ProfileStoreException e = storageFailure(() -> store.list());

            assertThat(e.getMessage()).contains(index().toString());
        }

        @Test
        void anUnknownVersionIsRefused() throws Exception {
            damage("{\"version\":2,\"profiles\":[]}");

            ProfileStoreException e = storageFailure(() -> store.list());

            assertThat(e.getMessage()).contains(index().toString()).contains("version 2");
        }

        @Test
        void openingOverADamagedIndexFailsAndKeepsItsBytes() throws Exception {
            String damaged = "{\"version\":1,\"profiles\":[{\"id\":5}]}";
            damage(damaged);

            ProfileStoreException e = storageFailure(() -> ProfileStore.open(data, PARSER, CLOCK));

            assertThat(e.getMessage()).contains(index().toString());
            assertThat(index()).hasContent(damaged);
        }

        @Test
        void noChangeOverwritesADamagedIndex() throws Exception {
            StoredProfile entry = store.importFile(valid("aws-mutual.ovpn"), Optional.empty()).profile();
            String damaged = "{\"version\":1,\"profiles\":[{\"id\":\"" + entry.id() + "\"";
            damage(damaged);

            storageFailure(() -> store.importFile(valid("aws-federated.ovpn"), Optional.empty()));
            storageFailure(() -> store.rename("aws-mutual", "other"));
            storageFailure(() -> store.delete("aws-mutual"));

            assertThat(index()).hasContent(damaged);
            assertThat(profiles().resolve(entry.file())).isRegularFile();
            assertThat(storedOvpnFiles()).containsExactly(entry.file());
        }
    }

    @FunctionalInterface
    private interface ThrowingOperation {
        void run() throws Exception;
    }
}
