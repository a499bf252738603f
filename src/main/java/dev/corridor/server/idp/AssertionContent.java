package dev.corridor.server.idp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the test IdP asserts about a signed-in user, and for which request; tests vary single
 * fields to build responses the endpoint must refuse.
 *
 * @param issuer       the IdP's entity id
 * @param audience     the service provider ({@code urn:amazon:webservices:clientvpn})
 * @param acsUrl       Destination and Recipient: where the browser posts the response
 * @param inResponseTo the ID of the AuthnRequest being answered
 * @param issueInstant when the response was made
 * @param notBefore    start of the assertion's validity
 * @param notOnOrAfter end of the assertion's validity (and of the bearer confirmation)
 * @param email        NameID, in email format
 * @param firstName    attribute FirstName
 * @param lastName     attribute LastName
 * @param groups       attribute memberOf, one value per group
 */
public record AssertionContent(String issuer, String audience, String acsUrl, String inResponseTo,
        Instant issueInstant, Instant notBefore, Instant notOnOrAfter, String email, String firstName,
        String lastName, List<String> groups) {
    public AssertionContent {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(acsUrl, "acsUrl");
        Objects.requireNonNull(inResponseTo, "inResponseTo");
        Objects.requireNonNull(issueInstant, "issueInstant");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notOnOrAfter, "notOnOrAfter");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        groups = List.copyOf(groups);
    }

    public AssertionContent withAudience(String value) {
        return new AssertionContent(issuer, value, acsUrl, inResponseTo, issueInstant, notBefore, notOnOrAfter, email,
                firstName, lastName, groups);
    }

    public AssertionContent withValidity(Instant from, Instant until) {
        return new AssertionContent(issuer, audience, acsUrl, inResponseTo, issueInstant, from, until, email,
                firstName, lastName, groups);
    }

    public AssertionContent withIssuer(String value) {
        return new AssertionContent(value, audience, acsUrl, inResponseTo, issueInstant, notBefore, notOnOrAfter,
                email, firstName, lastName, groups);
    }

    public AssertionContent withAcsUrl(String value) {
        return new AssertionContent(issuer, audience, value, inResponseTo, issueInstant, notBefore, notOnOrAfter,
                email, firstName, lastName, groups);
    }

    public AssertionContent withInResponseTo(String value) {
        return new AssertionContent(issuer, audience, acsUrl, value, issueInstant, notBefore, notOnOrAfter,
                email, firstName, lastName, groups);
    }

    public AssertionContent withEmail(String value) {
        return new AssertionContent(issuer, audience, acsUrl, inResponseTo, issueInstant, notBefore, notOnOrAfter,
                value, firstName, lastName, groups);
    }
}
