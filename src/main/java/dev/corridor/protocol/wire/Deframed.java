package dev.corridor.protocol.wire;

import java.util.List;
import java.util.Objects;

/**
 * What {@link TcpStreamDeframer} made of a chunk of the TCP stream: complete packets, or a broken
 * stream (a length the receiver refuses), after which the connection must be closed.
 */
public sealed interface Deframed permits Deframed.Packets, Deframed.Broken {

    /** The packets completed by this chunk, in stream order; possibly none. */
    record Packets(List<byte[]> packets) implements Deframed {
        public Packets {
            packets = List.copyOf(packets);
        }
    }

    /**
     * The stream carries a length of 0 or above the limit, so packet boundaries are lost for good.
     * {@code packetsBefore} are the packets this chunk completed before the bad length.
     */
    record Broken(List<byte[]> packetsBefore, String reason) implements Deframed {
        public Broken {
            packetsBefore = List.copyOf(packetsBefore);
            Objects.requireNonNull(reason, "reason");
        }
    }
}
