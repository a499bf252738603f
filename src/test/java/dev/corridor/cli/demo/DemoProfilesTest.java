package dev.corridor.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.ProfileStoreException;
import dev.corridor.profile.StoredProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoProfilesTest {
    private static final Path PROFILE = Path.of("src/test/resources/profiles/valid/aws-mutual.ovpn");

    @TempDir
    Path data;
    private ProfileStore store;
    private DemoProfiles demo;
    private String text;

    @BeforeEach
    void openStore() throws Exception {
        store = ProfileStore.open(data, ProfileParser.standard(), Clock.systemUTC());
        demo = new DemoProfiles(store);
        text = Files.readString(PROFILE, StandardCharsets.UTF_8);
    }

    @Test
    void replacesEarlierDemoProfilesAndRemovesOnlyDemoProfiles() throws Exception {
        store.importFile(PROFILE, Optional.of("Work"));
        demo.importProfile(DemoMode.CERTIFICATE, text);
        StoredProfile second = demo.importProfile(DemoMode.CERTIFICATE, text + "\n# a newer demo run\n");

        assertThat(demo.list()).containsExactly(second);
        assertThat(second.source()).isEqualTo("corridor demo: certificate");
        assertThat(demo.removeAll()).containsExactly("Demo – certificate");
        assertThat(store.list()).extracting(StoredProfile::name).containsExactly("Work");
        assertThat(DemoProfiles.isDemoProfile(store.get("Work"))).isFalse();
    }

    @Test
    void neverReplacesAProfileOfTheUsersOwnWithADemoName() throws Exception {
        store.importFile(PROFILE, Optional.of("demo – SAML"));

        assertThatThrownBy(demo::checkNamesFree).isInstanceOf(ProfileStoreException.class)
                .hasMessageContaining("a profile of yours is named \"demo – SAML\"");
        assertThatThrownBy(() -> demo.importProfile(DemoMode.SAML, text))
                .hasMessageContaining("Rename it first");
        assertThat(demo.removeAll()).isEmpty();
        assertThat(store.list()).extracting(StoredProfile::name).containsExactly("demo – SAML");
    }
}
