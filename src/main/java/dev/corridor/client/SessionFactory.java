package dev.corridor.client;

import dev.corridor.platform.CorridorVersion;
import dev.corridor.profile.DataChannelSettings;
import dev.corridor.profile.Profile;
import dev.corridor.profile.Transport;
import dev.corridor.protocol.Role;
import dev.corridor.protocol.keys.KeyMethod2Framing;
import dev.corridor.protocol.keys.OccOptionsString;
import dev.corridor.protocol.keys.PeerInfo;
import dev.corridor.protocol.keys.ProtocolCapability;
import dev.corridor.protocol.reliable.ReliableSettings;
import dev.corridor.protocol.session.ClientSessionConfig;
import dev.corridor.protocol.tls.PreparedTlsClient;
import dev.corridor.protocol.tls.wrap.ControlWrap;
import dev.corridor.protocol.tls.wrap.KeyDirection;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import dev.corridor.protocol.tls.wrap.StaticKey;
import dev.corridor.protocol.tls.wrap.TlsAuthDigest;
import dev.corridor.protocol.tls.wrap.TlsAuthWrap;
import dev.corridor.protocol.tls.wrap.TlsCryptWrap;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Builds the protocol pieces of a client connection from a profile: wrap, TLS, key-method 2 contents. */
final class SessionFactory {
    /**
     * The IV_PROTO bits Corridor implements (protocol.md §6.5); nothing else is advertised.
     * Not advertised: dyn-tls-crypt (9), epoch data format (10), the dns option (6, 11), PUSH_UPDATE (12).
     */
    static final Set<ProtocolCapability> CAPABILITIES = EnumSet.of(ProtocolCapability.DATA_V2,
            ProtocolCapability.REQUEST_PUSH, ProtocolCapability.TLS_KEY_EXPORT,
            ProtocolCapability.AUTH_PENDING_KEYWORDS, ProtocolCapability.CC_EXIT_NOTIFY,
            ProtocolCapability.AUTH_FAIL_TEMP);
    /** The largest tun-mtu a server may push (IV_MTU). */
    static final int MAX_PUSHED_MTU = 1600;

    private SessionFactory() {}

    /** The session configuration of one attempt; {@code tls} was prepared once from {@code profile.tls()}. */
    static ClientSessionConfig config(Profile profile, Transport transport, ConnectOptions options,
            PreparedTlsClient tls) {
        return config(profile, transport, options.platformVersion(), options.clock(), options.random(), tls);
    }

    /** The same from its parts: what {@link HandshakeRehearsal} builds without a connect's options. */
    static ClientSessionConfig config(Profile profile, Transport transport, String platformVersion, Clock clock,
            SecureRandom random, PreparedTlsClient tls) {
        Objects.requireNonNull(tls, "tls");
        ControlWrap wrap = wrap(profile);
        DataChannelSettings data = profile.dataChannel();
        String cipher = data.fallbackCipher().orElse(data.dataCiphers().get(0));
        OccOptionsString.Builder occ = OccOptionsString.builder(Role.CLIENT)
                .tunMtu(data.tunMtu())
                .tcp(transport == Transport.TCP)
                .cipher(cipher, data.fallbackCipher().isPresent())
                .auth(data.authDigest())
                .compression(switch (data.compression()) {
                    case NONE -> OccOptionsString.Compression.NONE;
                    case LZO_NO, STUB -> OccOptionsString.Compression.FRAMING_BYTE;
                    case STUB_V2 -> OccOptionsString.Compression.V2;
                });
        if (profile.tls().tlsAuth().isPresent()) {
            occ.tlsAuth(profile.tls().keyDirection().isPresent() ? profile.tls().keyDirection().getAsInt() : null);
        }
        return new ClientSessionConfig(wrap, ReliableSettings.DEFAULTS
                        .withInitialRetransmitMillis(profile.timers().tlsTimeout() * 1000L),
                keyId -> tls.newSession(clock, random),
                occ.build(), peerInfo(profile, platformVersion),
                profile.authentication().federated() ? KeyMethod2Framing.AWS : KeyMethod2Framing.STOCK,
                profile.timers().handWindow() * 1000L, profile.dataChannel().renegSeconds() * 1000L,
                random);
    }

    static String peerInfo(Profile profile, ConnectOptions options) {
        return peerInfo(profile, options.platformVersion());
    }

    static String peerInfo(Profile profile, String platformVersion) {
        PeerInfo.Builder builder = PeerInfo.builder()
                .version(ivVersion())
                .platformFromOsName(System.getProperty("os.name", ""))
                .platformVersion(platformVersion)
                .guiVersion("Corridor_" + CorridorVersion.version())
                .tcpNonLinear(true)
                .mtu(MAX_PUSHED_MTU)
                .ciphers(profile.dataChannel().dataCiphers())
                .capabilities(CAPABILITIES);
        // CR_TEXT challenges are answered (Attempt); WEB_AUTH is not handled yet, so it is not offered.
        if (profile.authentication().userPass()) {
            builder.ssoMethods(List.of("crtext"));
        }
        return builder.build().text();
    }

    /**
     * IV_VER: the OpenVPN protocol level Corridor implements, then Corridor's own version, so that
     * servers parsing "major.minor" see 2.6 and people reading logs see what the client is.
     */
    static String ivVersion() {
        return "2.6-corridor-" + CorridorVersion.version();
    }

    static ControlWrap wrap(Profile profile) {
        if (profile.tls().tlsCrypt().isPresent()) {
            return new TlsCryptWrap(StaticKey.fromFileText(profile.tls().tlsCrypt().get()), Role.CLIENT);
        }
        if (profile.tls().tlsAuth().isPresent()) {
            return new TlsAuthWrap(StaticKey.fromFileText(profile.tls().tlsAuth().get()),
                    KeyDirection.forTlsAuth(profile.tls().keyDirection()),
                    TlsAuthDigest.fromName(profile.dataChannel().authDigest()).orElse(TlsAuthDigest.SHA1));
        }
        return PlainControlWrap.INSTANCE;
    }
}
