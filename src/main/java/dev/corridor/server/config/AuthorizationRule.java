package dev.corridor.server.config;

import java.util.Objects;

/**
 * One authorization rule: which users may reach which destination network.
 *
 * @param destination the destination network
 * @param audience    all users, or the members of one group
 * @param description free text for the administrator, at most 255 characters
 */
public record AuthorizationRule(Ipv4Cidr destination, Audience audience, String description) {
    public AuthorizationRule {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(description, "description");
    }
}
