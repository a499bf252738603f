package dev.corridor.tun.os;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import java.io.IOException;

/**
 * {@link Wintun} on the real wintun.dll and kernel32 through JNA direct mapping (64-bit Windows:
 * handles and packet addresses are Java {@code long}s, a Windows BOOL is JNA's 4-byte boolean).
 */
final class NativeWintun implements Wintun {
    private static volatile NativeWintun instance;

    /** wintun.dll's exports. */
    private static final class Dll {
        private Dll() {}

        static native long WintunCreateAdapter(WString name, WString tunnelType, Pointer requestedGuid);

        static native long WintunOpenAdapter(WString name);

        static native void WintunCloseAdapter(long adapter);

        static native long WintunStartSession(long adapter, int capacity);

        static native void WintunEndSession(long session);

        static native long WintunGetReadWaitEvent(long session);

        static native long WintunReceivePacket(long session, Pointer packetSize);

        static native void WintunReleaseReceivePacket(long session, long packet);

        static native long WintunAllocateSendPacket(long session, int packetSize);

        static native void WintunSendPacket(long session, long packet);
    }

    /** kernel32's event functions. */
    private static final class Kernel32 {
        private Kernel32() {}

        static native long CreateEventW(Pointer attributes, boolean manualReset, boolean initialState, WString name);

        static native boolean SetEvent(long event);

        static native int WaitForMultipleObjects(int count, Pointer handles, boolean waitAll, int milliseconds);

        static native boolean CloseHandle(long handle);
    }

    private NativeWintun() {}

    /** Binds wintun.dll (searched on jna.library.path, java.library.path and PATH) and kernel32. */
    static synchronized NativeWintun load() throws IOException {
        if (instance == null) {
            NativeLibrary dll;
            try {
                dll = NativeLibrary.getInstance("wintun");
            } catch (UnsatisfiedLinkError e) {
                throw new IOException("wintun.dll was not found: put the wintun.dll for this processor in a folder"
                        + " on PATH, or name its folder with -Djna.library.path=...", e);
            }
            Native.register(Dll.class, dll);
            Native.register(Kernel32.class, NativeLibrary.getInstance("kernel32"));
            instance = new NativeWintun();
        }
        return instance;
    }

    @Override
    public long createAdapter(String name, String tunnelType, Pointer guid) {
        return Dll.WintunCreateAdapter(new WString(name), new WString(tunnelType), guid);
    }

    @Override
    public long openAdapter(String name) {
        return Dll.WintunOpenAdapter(new WString(name));
    }

    @Override
    public void closeAdapter(long adapter) {
        Dll.WintunCloseAdapter(adapter);
    }

    @Override
    public long startSession(long adapter, int capacity) {
        return Dll.WintunStartSession(adapter, capacity);
    }

    @Override
    public void endSession(long session) {
        Dll.WintunEndSession(session);
    }

    @Override
    public long readWaitEvent(long session) {
        return Dll.WintunGetReadWaitEvent(session);
    }

    @Override
    public long receivePacket(long session, Pointer size) {
        return Dll.WintunReceivePacket(session, size);
    }

    @Override
    public void releaseReceivePacket(long session, long packet) {
        Dll.WintunReleaseReceivePacket(session, packet);
    }

    @Override
    public long allocateSendPacket(long session, int size) {
        return Dll.WintunAllocateSendPacket(session, size);
    }

    @Override
    public void sendPacket(long session, long packet) {
        Dll.WintunSendPacket(session, packet);
    }

    @Override
    public long createEvent() {
        return Kernel32.CreateEventW(null, true, false, null);
    }

    @Override
    public boolean setEvent(long event) {
        return Kernel32.SetEvent(event);
    }

    @Override
    public int waitForMultipleObjects(int count, Pointer handles, int timeoutMillis) {
        return Kernel32.WaitForMultipleObjects(count, handles, false, timeoutMillis);
    }

    @Override
    public boolean closeHandle(long handle) {
        return Kernel32.CloseHandle(handle);
    }

    @Override
    public int lastError() {
        return Native.getLastError();
    }
}
