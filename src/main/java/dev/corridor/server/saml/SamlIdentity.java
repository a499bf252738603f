package dev.corridor.server.saml;

import java.util.List;
import java.util.Objects;

/**
 * Who a verified SAML assertion says the user is.
 *
 * @param email     the NameID (email format)
 * @param firstName attribute FirstName, empty when not sent
 * @param lastName  attribute LastName, empty when not sent
 * @param groups    attribute memberOf: the groups the authorization rules use
 */
public record SamlIdentity(String email, String firstName, String lastName, List<String> groups) {
    public SamlIdentity {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        groups = List.copyOf(groups);
    }
}
