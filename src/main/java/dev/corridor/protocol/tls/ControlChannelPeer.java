package dev.corridor.protocol.tls;

import org.bouncycastle.tls.TlsContext;

/** Our client or server object inside BouncyCastle; it hands out the TLS context after the handshake. */
interface ControlChannelPeer {

    /** The context of the running connection (null before BouncyCastle initialised the peer). */
    TlsContext tlsContext();
}
