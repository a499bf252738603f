package dev.corridor.archfixture.auth;

import dev.corridor.archfixture.profile.PlainProfile;

/** Compliant: auth values may build on the profile model. */
public record FixtureCredentials(PlainProfile profile, String username, char[] password) {}
