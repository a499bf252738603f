/**
 * The self-service portal of the test endpoint: users sign in (through the IdP for a federated
 * endpoint, with their directory credentials for a directory one) and download the endpoint's
 * client configuration and the client installers. Undertow is allowed here.
 */
package dev.corridor.server.portal;
