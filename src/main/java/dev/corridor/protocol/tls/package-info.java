/**
 * TLS over the OpenVPN control channel (protocol.md §3): a non-blocking TLS 1.2/1.3 engine on
 * BouncyCastle's low-level TLS API that takes and gives bytes, verifies the peer certificate the
 * way OpenVPN 2.x does ({@code ca}, {@code crl-verify}, {@code remote-cert-tls},
 * {@code verify-x509-name}) against an injected clock, and exports keying material for TLS-EKM.
 * The {@code wrap} sub-package (tls-auth, tls-crypt) sits below it on the wire.
 */
package dev.corridor.protocol.tls;
