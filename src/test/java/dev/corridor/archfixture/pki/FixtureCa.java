package dev.corridor.archfixture.pki;

import dev.corridor.archfixture.platform.FixtureDataFolder;

/** Compliant: pki may build on platform and profile. */
public final class FixtureCa {
    private final FixtureDataFolder folder = new FixtureDataFolder();

    public FixtureDataFolder folder() {
        return folder;
    }
}
