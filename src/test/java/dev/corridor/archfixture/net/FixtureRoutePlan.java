package dev.corridor.archfixture.net;

/** Compliant: a route plan is pure data about an interface named by a string. */
public record FixtureRoutePlan(String interfaceName, String cidr) {}
