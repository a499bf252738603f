/**
 * The bundled test identity provider: a login page for the users of the users file and a signed
 * SAML response the browser posts to the client's ACS listener. Undertow is allowed here.
 */
package dev.corridor.server.idp;
