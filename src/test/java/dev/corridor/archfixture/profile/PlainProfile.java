package dev.corridor.archfixture.profile;

/** Compliant: a profile model that depends on nothing but the JDK. */
public record PlainProfile(String name, String remote) {}
