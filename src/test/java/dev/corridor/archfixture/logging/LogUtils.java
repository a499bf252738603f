package dev.corridor.archfixture.logging;

/** Breaks no-vague-class-names: a Utils. */
public final class LogUtils {
}
