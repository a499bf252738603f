package dev.corridor.archfixture.net;

/** Breaks no-vague-class-names: a Util. */
public final class RouteUtil {
}
