package dev.corridor.archfixture.client;

/** Breaks no-vague-class-names: a Manager. */
public final class ThingManager {
}
