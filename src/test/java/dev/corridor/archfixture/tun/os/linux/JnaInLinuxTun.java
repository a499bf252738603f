package dev.corridor.archfixture.tun.os.linux;

import com.sun.jna.Pointer;
import dev.corridor.archfixture.tun.FixtureTun;

/** Compliant: a per-OS TUN backend is allowed to use JNA. */
public final class JnaInLinuxTun implements FixtureTun {
    private Pointer handle;

    @Override
    public String name() {
        return "tun0";
    }

    @Override
    public int read(byte[] packet) {
        return handle == null ? 0 : packet.length;
    }
}
