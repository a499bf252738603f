package dev.corridor.archfixture.platform;

/** Breaks no-vague-class-names: a Helper. */
public final class FileHelper {
}
