package dev.corridor.cli.demo;

import dev.corridor.server.AuthMode;
import dev.corridor.server.config.TransportProtocol;

/** The demo's three endpoints: one per authentication mode, each with its profile name. */
public enum DemoMode {
    /** Mutual authentication: alice's certificate is inside the profile. */
    CERTIFICATE("certificate", "Demo – certificate", AuthMode.MUTUAL, TransportProtocol.UDP),
    /** Directory authentication with MFA: username, password and the static-challenge code. */
    DIRECTORY_MFA("directory-mfa", "Demo – directory + MFA", AuthMode.DIRECTORY, TransportProtocol.UDP),
    /** SAML through the bundled test IdP and the browser. */
    SAML("saml", "Demo – SAML", AuthMode.FEDERATED, TransportProtocol.TCP);

    private final String folderName;
    private final String profileName;
    private final AuthMode auth;
    private final TransportProtocol transport;

    DemoMode(String folderName, String profileName, AuthMode auth, TransportProtocol transport) {
        this.folderName = folderName;
        this.profileName = profileName;
        this.auth = auth;
        this.transport = transport;
    }

    /** The endpoint's sub-folder of the demo folder. */
    public String folderName() {
        return folderName;
    }

    /** The display name of the imported profile. */
    public String profileName() {
        return profileName;
    }

    public AuthMode auth() {
        return auth;
    }

    public TransportProtocol transport() {
        return transport;
    }

    /** The profile store's {@code source} of this mode's profile; marks it as the demo's. */
    public String profileSource() {
        return DemoProfiles.SOURCE_PREFIX + folderName;
    }
}
