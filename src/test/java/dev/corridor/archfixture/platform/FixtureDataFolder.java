package dev.corridor.archfixture.platform;

import java.nio.file.Path;

/** Compliant: platform code may do file I/O. */
public final class FixtureDataFolder {
    public Path resolve(String name) {
        return Path.of(name);
    }
}
