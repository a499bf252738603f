package dev.corridor.protocol.reliable;

import dev.corridor.protocol.wire.ControlPacketCodec;
import dev.corridor.protocol.wire.SessionId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts TLS ciphertext into CONTROL_V1 payloads small enough that every packet, wrapped and in its
 * IP/UDP datagram, fits {@code tls-mtu} (protocol.md 1.5). TLS record boundaries need not match.
 *
 * <pre>
 *   max payload = min(2048, tls-mtu) - overhead          (never below 16)
 *   overhead    = 1  opcode
 *               + 8  own session id
 *               + 25 ack record with 4 piggy-backed acks: n(1) + 4*4 + peer session id(8)
 *               + 4  message id
 *               + wrap overhead   (0 plain; H+8 tls-auth; 8+32+16 tls-crypt)
 *               + datagram overhead (28 IPv4/UDP, 48 IPv6/UDP; 2.x counts UDP for TCP too)
 *
 *   e.g. tls-mtu 1250, IPv6, plain: 1250 - 86 = 1164 bytes per packet
 * </pre>
 *
 * Like 2.x's calc_control_channel_frame_overhead it assumes the worst case of 4 acks on board.
 */
public final class ControlPayloadSplitter {
    /** Default {@code tls-mtu}. */
    public static final int DEFAULT_TLS_MTU = 1250;
    /** Control packets never exceed this (TLS_CHANNEL_BUF_SIZE). */
    public static final int MAX_CONTROL_PACKET = 2048;
    /** IPv4 header plus UDP header. */
    public static final int UDP_IPV4_OVERHEAD = 28;
    /** IPv6 header plus UDP header. */
    public static final int UDP_IPV6_OVERHEAD = 48;
    /** The smallest payload chunk used even when the settings leave less room (as 2.x). */
    public static final int MIN_PAYLOAD = 16;
    /** Piggy-backed acks the overhead allows for. */
    private static final int ACKS_ALLOWED_FOR = 4;

    private final int maxPayload;

    /**
     * A splitter for {@code tlsMtu}, a wrap adding {@code wrapOverhead} bytes (see
     * {@code ControlWrap.overhead()}) and a datagram overhead such as {@link #UDP_IPV6_OVERHEAD}.
     */
    public ControlPayloadSplitter(int tlsMtu, int wrapOverhead, int datagramOverhead) {
        if (tlsMtu < 1 || wrapOverhead < 0 || datagramOverhead < 0) {
            throw new IllegalArgumentException("sizes must not be negative and tls-mtu must be positive");
        }
        int overhead = 1 + SessionId.LENGTH + ControlPacketCodec.ackRecordLength(ACKS_ALLOWED_FOR)
                + ControlPacketCodec.ID_LENGTH + wrapOverhead + datagramOverhead;
        this.maxPayload = Math.max(MIN_PAYLOAD, Math.min(MAX_CONTROL_PACKET, tlsMtu) - overhead);
    }

    /** A splitter for the default tls-mtu (1250) over IPv6/UDP, the worst case 2.x plans for. */
    public static ControlPayloadSplitter forWrapOverhead(int wrapOverhead) {
        return new ControlPayloadSplitter(DEFAULT_TLS_MTU, wrapOverhead, UDP_IPV6_OVERHEAD);
    }

    /** Most TLS bytes one control packet carries. */
    public int maxPayload() {
        return maxPayload;
    }

    /** {@code tls} cut into chunks of at most {@link #maxPayload()} bytes, in order; none for no bytes. */
    public List<byte[]> split(byte[] tls) {
        return split(tls, 0, tls.length);
    }

    /** As {@link #split(byte[])} for {@code tls[offset, offset + length)}. */
    public List<byte[]> split(byte[] tls, int offset, int length) {
        if (offset < 0 || length < 0 || offset > tls.length - length) {
            throw new IndexOutOfBoundsException("range outside the array");
        }
        List<byte[]> chunks = new ArrayList<>(length / maxPayload + 1);
        for (int at = offset; at < offset + length; at += maxPayload) {
            chunks.add(Arrays.copyOfRange(tls, at, Math.min(offset + length, at + maxPayload)));
        }
        return chunks;
    }
}
