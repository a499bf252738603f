package dev.corridor.server.portal;

/**
 * How users sign in to the portal, chosen by the endpoint's authentication as the administrator
 * guide says ("use their user-based credentials to log in"): through the SAML IdP for a federated
 * endpoint ({@link SamlPortalSignIn}), with the directory's username, password and MFA code for a
 * directory one ({@link DirectoryPortalSignIn}). Mutual-only endpoints have no portal.
 */
public sealed interface PortalSignIn permits SamlPortalSignIn, DirectoryPortalSignIn {}
