package dev.corridor.server.config;

import java.util.Objects;

/** Who an authorization rule lets through: every authenticated user, or the members of one group. */
public sealed interface Audience {

    /** True when a user in {@code groups} belongs to this audience. */
    boolean admits(java.util.Collection<String> groups);

    /** Every authenticated user ({@code "allUsers": true}). */
    record AllUsers() implements Audience {
        @Override
        public boolean admits(java.util.Collection<String> groups) {
            return true;
        }
    }

    /**
     * Members of one group ({@code "group": "engineering"}); the group comes from the users file.
     *
     * @param name the group name
     */
    record Group(String name) implements Audience {
        public Group {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean admits(java.util.Collection<String> groups) {
            return groups.contains(name);
        }
    }
}
