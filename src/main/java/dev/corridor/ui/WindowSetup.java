package dev.corridor.ui;

import dev.corridor.auth.saml.PortHolderLookup;
import dev.corridor.client.ClientEngine;
import dev.corridor.client.HandshakeRehearsal;
import dev.corridor.client.HostTunProvider;
import dev.corridor.client.InMemoryTunProvider;
import dev.corridor.client.SamlSignInOptions;
import dev.corridor.client.TunProvider;
import dev.corridor.client.VpnClient;
import dev.corridor.net.Ipv6LeakGuard;
import dev.corridor.platform.DataDirectory;
import dev.corridor.profile.Profile;
import dev.corridor.profile.ProfileParser;
import dev.corridor.profile.ProfileStore;
import dev.corridor.profile.ProfileStoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the main window needs from outside: where profiles come from, how an engine and a TUN
 * device are made, how a SAML sign-in opens the browser, and what to show first. Tests build their
 * own (a temporary profile store, a test browser, a free ACS port).
 *
 * @param profiles        the user's profiles
 * @param engines         makes one engine per connection
 * @param tunnels         the TUN device supplier for a profile and the IPv6 leak guard chosen in the
 *                        preferences (in-memory, or the host's TUN as root)
 * @param saml            ACS port, browser and encoding for {@code auth-federate} profiles
 * @param portHolders     finds the process holding a busy ACS port
 * @param attemptTimeout  one connection attempt must finish within this
 * @param locale          the window's first language
 * @param notice          text shown at the top of the window, if any
 * @param selectedProfile the profile to preselect, if any
 */
public record WindowSetup(ProfileSource profiles, Supplier<VpnClient> engines, Tunnels tunnels,
        SamlSignInOptions saml, PortHolderLookup portHolders, Duration attemptTimeout, Locale locale,
        Optional<String> notice, Optional<String> selectedProfile) {
    private static final Logger LOG = LoggerFactory.getLogger(WindowSetup.class);

    /** Makes the TUN provider for one connection of a profile. */
    @FunctionalInterface
    public interface Tunnels {
        /**
         * The provider for connecting {@code profile}, with the IPv6 leak guard the preferences name
         * at the moment Connect is pressed (a profile's {@code block-ipv6} still turns it on).
         */
        TunProvider forConnect(Profile profile, Ipv6LeakGuard guard);
    }

    public WindowSetup {
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(tunnels, "tunnels");
        Objects.requireNonNull(saml, "saml");
        Objects.requireNonNull(portHolders, "portHolders");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(selectedProfile, "selectedProfile");
    }

    /**
     * The user's profile store in the data folder, Corridor's engine, the default browser on port
     * 35001, and the OS language; {@code realTunnel} picks the host TUN device (as {@code corridor
     * connect} does, with the IPv6 leak guard from the preferences) instead of the in-memory one.
     */
    public static WindowSetup forThisMachine(DesktopWindow.Options options) throws ProfileStoreException {
        return forStore(ProfileStore.open(DataDirectory.current(), ProfileParser.standard(), Clock.systemUTC()),
                options);
    }

    /**
     * As {@link #forStore(ProfileStore, DesktopWindow.Options)}, for an app that rehearses the handshake
     * while it waits for its user: making the first engine (the user pressed Connect) ends the rehearsal,
     * so that the real handshake does not share the cores with it.
     */
    static WindowSetup forStore(ProfileStore store, DesktopWindow.Options options, HandshakeRehearsal rehearsal) {
        WindowSetup plain = forStore(store, options);
        return new WindowSetup(plain.profiles, () -> {
            rehearsal.stop();
            return new ClientEngine();
        }, plain.tunnels, plain.saml, plain.portHolders, plain.attemptTimeout, plain.locale, plain.notice,
                plain.selectedProfile);
    }

    /** As {@link #forThisMachine}, on an already opened profile store. */
    static WindowSetup forStore(ProfileStore store, DesktopWindow.Options options) {
        Tunnels tunnels = options.realTunnel()
                ? (profile, guard) -> HostTunProvider.forThisMachine(profile.routing(), DataDirectory.current(),
                        guard, line -> LOG.info("{}", line))
                : (profile, guard) -> new InMemoryTunProvider(); // no host routes, so no guard to apply
        return new WindowSetup(ProfileSource.of(store), ClientEngine::new, tunnels, SamlSignInOptions.defaults(),
                PortHolderLookup.system(), Duration.ofSeconds(60), Locale.getDefault(), options.notice(),
                options.selectedProfile());
    }

    /** The same set-up starting in {@code newLocale}'s language. */
    public WindowSetup withLocale(Locale newLocale) {
        return new WindowSetup(profiles, engines, tunnels, saml, portHolders, attemptTimeout, newLocale, notice,
                selectedProfile);
    }
}
