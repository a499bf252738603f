package dev.corridor.profile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the profile store's index: the name the user sees and where the stored text lives.
 *
 * @param id             stable identifier, also the stored file's base name
 * @param name           display name, unique in the store
 * @param file           stored file name inside the profiles folder
 * @param source         path the profile was imported from, for the user's reference
 * @param importedAt     when it was imported
 * @param sha256         hash of the stored text, to notice the same profile imported twice
 * @param remotes        {@code host:port/proto} of each remote, for lists
 * @param authentication short name of the authentication method
 */
public record StoredProfile(String id, String name, String file, String source, Instant importedAt, String sha256,
        List<String> remotes, String authentication) {
    public StoredProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(importedAt, "importedAt");
        Objects.requireNonNull(sha256, "sha256");
        remotes = remotes == null ? List.of() : List.copyOf(remotes);
        source = source == null ? "" : source;
        authentication = authentication == null ? "" : authentication;
    }

    StoredProfile withName(String newName) {
        return new StoredProfile(id, newName, file, source, importedAt, sha256, remotes, authentication);
    }
}
