/**
 * Key method 2: the first message each side writes into TLS (stock and AWS framing), the peer-info
 * and OCC options strings it carries, and the derivation of the 256-byte data-channel key block
 * from it (the OpenVPN TLS 1.0 PRF) or from the TLS exporter (TLS-EKM). See protocol.md §4, §6.5, §7.4.
 */
package dev.corridor.protocol.keys;
