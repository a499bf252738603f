package dev.corridor.tun;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The virtual network interface that carries the tunnel's IP packets on this side: packets the
 * operating system routes into the tunnel are {@linkplain #read read} here, packets from the server
 * are {@linkplain #write written} here. One thread reads, one thread writes.
 */
public interface TunDevice extends Closeable {
    /** Interface name as the OS knows it (e.g. {@code tun0}); in-memory devices invent one. */
    String name();

    /** Largest IP packet the device carries. */
    int mtu();

    /**
     * Waits briefly (at most about a quarter of a second) for an IP packet and copies it into
     * {@code destination} (cleared first, flipped after). Returns its length, 0 when nothing arrived
     * in that time (so the reader can check whether it should stop), or -1 once the device is closed.
     */
    int read(ByteBuffer destination) throws IOException;

    /**
     * Copies the next IP packet into {@code destination} only if one is already queued, without
     * waiting: its length, or 0 when none is queued (or the device cannot tell without waiting), or
     * -1 once the device is closed. Lets the reader collect a burst into one batch.
     */
    default int readQueued(ByteBuffer destination) throws IOException {
        return 0;
    }

    /** Hands the remaining bytes of {@code packet} (one IP packet) to the OS. */
    void write(ByteBuffer packet) throws IOException;

    /** Closes the device; a blocked {@link #read} returns -1. */
    @Override
    void close();
}
