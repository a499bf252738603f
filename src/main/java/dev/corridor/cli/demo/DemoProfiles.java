package dev.corridor.cli.demo;

import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.ProfileStoreException;
import dev.corridor.profile.StoredProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Puts the demo's profiles into the user's profile store and takes them out again. A demo profile
 * is recognised by its {@code source}, which starts with {@link #SOURCE_PREFIX}; profiles the user
 * imported are never renamed, replaced or deleted.
 */
public final class DemoProfiles {
    /** The {@code source} prefix of every profile the demo imports. */
    public static final String SOURCE_PREFIX = "corridor demo: ";

    private final ProfileStore store;

    public DemoProfiles(ProfileStore store) {
        this.store = store;
    }

    /** Whether {@code profile} was imported by a demo (this run's or an earlier, interrupted one's). */
    public static boolean isDemoProfile(StoredProfile profile) {
        return profile.source().startsWith(SOURCE_PREFIX);
    }

    /** The demo profiles in the store now. */
    public List<StoredProfile> list() throws ProfileStoreException {
        return store.list().stream().filter(DemoProfiles::isDemoProfile).toList();
    }

    /**
     * Refuses when a profile of the user's own has one of the demo's names, before anything starts.
     *
     * @throws ProfileStoreException naming the profile to rename
     */
    public void checkNamesFree() throws ProfileStoreException {
        for (DemoMode mode : DemoMode.values()) {
            Optional<StoredProfile> clash = ownProfileNamed(mode.profileName());
            if (clash.isPresent()) {
                throw nameTaken(clash.get());
            }
        }
    }

    private Optional<StoredProfile> ownProfileNamed(String name) throws ProfileStoreException {
        String key = name.toLowerCase(Locale.ROOT);
        return store.list().stream().filter(p -> !isDemoProfile(p))
                .filter(p -> p.name().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    private static ProfileStoreException nameTaken(StoredProfile profile) {
        return new ProfileStoreException(ProfileStoreException.Kind.NAME_TAKEN, "a profile of yours is named \""
                + profile.name() + "\"; the demo does not replace it. Rename it first (corridor profile rename).");
    }

    /** Deletes every demo profile (earlier runs' included); returns their names. */
    public List<String> removeAll() throws ProfileStoreException {
        List<String> removed = new ArrayList<>();
        for (StoredProfile profile : list()) {
            store.delete(profile.name());
            removed.add(profile.name());
        }
        return removed;
    }

    /**
     * Imports {@code text} as the profile of {@code mode}, after removing any earlier demo profile of
     * that name.
     *
     * @throws ProfileStoreException when a profile of the user's own already has the name
     */
    public StoredProfile importProfile(DemoMode mode, String text) throws ProfileStoreException {
        Optional<StoredProfile> clash = ownProfileNamed(mode.profileName());
        if (clash.isPresent()) {
            throw nameTaken(clash.get());
        }
        String key = mode.profileName().toLowerCase(Locale.ROOT);
        for (StoredProfile existing : list()) {
            if (existing.name().toLowerCase(Locale.ROOT).equals(key)) {
                store.delete(existing.name());
            }
        }
        return store.importText(mode.profileName(), text.getBytes(StandardCharsets.UTF_8), mode.profileSource())
                .profile();
    }
}
