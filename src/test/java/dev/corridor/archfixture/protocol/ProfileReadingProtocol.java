package dev.corridor.archfixture.protocol;

import dev.corridor.archfixture.auth.FixtureCredentials;
import dev.corridor.archfixture.profile.PlainProfile;

/** Compliant: the protocol may read the profile model and plain auth values. */
public final class ProfileReadingProtocol {
    public String peerInfo(PlainProfile profile, FixtureCredentials credentials) {
        return "IV_GUI_VER=" + profile.name() + " user=" + credentials.username();
    }
}
