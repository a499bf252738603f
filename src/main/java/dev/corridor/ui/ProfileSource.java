package dev.corridor.ui;

import dev.corridor.profile.ParseResult;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.ProfileStoreException;
import dev.corridor.profile.StoredProfile;
import java.util.List;

/** The profiles the window offers: their names for the selector, and one loaded to connect. Disk work: never on the FX thread. */
public interface ProfileSource {
    /** The profiles' display names, in the store's order. */
    List<String> names() throws ProfileStoreException;

    /** Reads and checks one profile. */
    ParseResult load(String name) throws ProfileStoreException;

    /** The profiles of a {@link ProfileStore}. */
    static ProfileSource of(ProfileStore store) {
        return new ProfileSource() {
            @Override
            public List<String> names() throws ProfileStoreException {
                return store.list().stream().map(StoredProfile::name).toList();
            }

            @Override
            public ParseResult load(String name) throws ProfileStoreException {
                return store.load(name);
            }
        };
    }
}
