package dev.corridor.tun.os;

import com.sun.jna.Memory;
import dev.corridor.tun.TunDevice;
import java.io.IOException;

/**
 * Opens a Windows TUN device on Wintun: the adapter of the requested name if one exists, otherwise a
 * new one (with a GUID derived from the name), then a session on it with a 4 MiB ring and the quit
 * event that stops a waiting read. Wintun has no MTU setting; the interface MTU is set together with
 * the addresses.
 */
final class WindowsWintun {
    static final String DEFAULT_NAME = "Corridor";
    static final String TUNNEL_TYPE = "Corridor";
    /** Ring size for the session: a power of two between WINTUN_MIN_RING_CAPACITY (128 KiB) and 64 MiB. */
    static final int RING_CAPACITY = 0x400000;
    /** MAX_ADAPTER_NAME: 128 UTF-16 units including the terminating NUL. */
    static final int MAX_NAME_LENGTH = 127;
    static final int ERROR_ACCESS_DENIED = 5;

    private WindowsWintun() {}

    static TunDevice open(String requestedName, int mtu) throws IOException {
        return open(NativeWintun.load(), requestedName, mtu, WintunTun.DEFAULT_WAIT_MILLIS);
    }

    static TunDevice open(Wintun wintun, String requestedName, int mtu, int waitMillis) throws IOException {
        String name = requestedName.isEmpty() ? DEFAULT_NAME : requestedName;
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Wintun adapter name \"" + name + "\" is longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        long adapter = wintun.openAdapter(name);
        if (adapter == 0) {
            try (Memory guid = Guid.of(Guid.forAdapter(name))) {
                adapter = wintun.createAdapter(name, TUNNEL_TYPE, guid);
            }
            if (adapter == 0) {
                int error = wintun.lastError();
                throw new IOException("WintunCreateAdapter " + name + ": Windows error " + error
                        + (error == ERROR_ACCESS_DENIED ? " (access denied) — run as Administrator" : ""));
            }
        }
        long session = wintun.startSession(adapter, RING_CAPACITY);
        if (session == 0) {
            int error = wintun.lastError();
            wintun.closeAdapter(adapter);
            throw new IOException("WintunStartSession " + name + ": Windows error " + error
                    + " — is another program using this adapter?");
        }
        long quitEvent = wintun.createEvent();
        if (quitEvent == 0) {
            int error = wintun.lastError();
            wintun.endSession(session);
            wintun.closeAdapter(adapter);
            throw new IOException("CreateEvent for " + name + ": Windows error " + error);
        }
        return new WintunTun(wintun, adapter, session, quitEvent, name, mtu, waitMillis);
    }
}
