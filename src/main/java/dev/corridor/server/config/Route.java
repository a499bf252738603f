package dev.corridor.server.config;

import java.util.Objects;

/**
 * One entry of the endpoint's route table.
 *
 * @param destination the destination network
 * @param target      where the traffic leaves the endpoint (AWS: the associated subnet); a label
 * @param description free text for the administrator, at most 255 characters
 */
public record Route(Ipv4Cidr destination, String target, String description) {
    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(description, "description");
    }
}
