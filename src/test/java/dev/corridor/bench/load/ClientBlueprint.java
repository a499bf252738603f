package dev.corridor.bench.load;

import dev.corridor.profile.DataChannelSettings;
import dev.corridor.protocol.keys.KeyMethod2Framing;
import dev.corridor.protocol.reliable.ReliableSettings;
import dev.corridor.protocol.session.ClientSessionConfig;
import dev.corridor.protocol.tls.TlsClientConfig;
import dev.corridor.protocol.tls.TlsEndpoint;
import dev.corridor.protocol.tls.wrap.PlainControlWrap;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What every simulated client is made from: the profile's TLS settings (one client certificate
 * shared by all, which the endpoint allows), the OCC and peer-info strings the real client would
 * send, where the server is, and how many pings to send.
 *
 * @param tls                the client TLS configuration, parsed once
 * @param occOptions         the OCC options string of key-method 2
 * @param peerInfo           the peer-info text of key-method 2 (offers cc-exit, tls-ekm, AEAD ciphers)
 * @param dataChannel        the profile's data-channel settings (compression framing, auth digest)
 * @param server             the server's UDP address
 * @param serverTunnel       the server's tunnel address, which answers ICMP echo
 * @param pings              echo requests per client right after connecting, and again once all are up
 * @param pingIntervalMillis time between a client's echo requests
 * @param handshakeTimeoutMillis a client that is not connected after this long counts as failed
 */
record ClientBlueprint(TlsClientConfig tls, String occOptions, String peerInfo, DataChannelSettings dataChannel,
        InetSocketAddress server, Inet4Address serverTunnel, int pings, long pingIntervalMillis,
        long handshakeTimeoutMillis, Clock clock, SecureRandom random) {

    /** The control session configuration of one client, as the real client builds it for a UDP profile. */
    ClientSessionConfig sessionConfig() {
        return new ClientSessionConfig(PlainControlWrap.INSTANCE, ReliableSettings.DEFAULTS,
                keyId -> TlsEndpoint.client(tls, clock, random), occOptions, peerInfo, KeyMethod2Framing.STOCK,
                handshakeTimeoutMillis, 0, random);
    }
}
