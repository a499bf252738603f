/**
 * The client's side of AWS-style SAML sign-in: the assertion consumer service (ACS) listener on
 * 127.0.0.1, the CRV1 answer built from the browser's {@code SAMLResponse}, and opening the IdP page
 * in a browser. Undertow is allowed here (and in the test IdP and portal) only.
 */
package dev.corridor.auth.saml;
