package dev.corridor.tun.os;

import com.sun.jna.Pointer;

/**
 * The wintun.dll and kernel32 calls a Wintun session needs (wintun.h, synchapi.h). Handles and packet
 * buffers are plain addresses ({@code long}, 0 meaning failure), so the real binding allocates nothing
 * per packet and a fake can stand in for tests on any OS.
 */
interface Wintun {
    /** {@code WintunCreateAdapter(Name, TunnelType, RequestedGUID)}: an adapter handle, 0 on failure. */
    long createAdapter(String name, String tunnelType, Pointer guid);

    /** {@code WintunOpenAdapter(Name)}: the existing adapter of that name, 0 when there is none. */
    long openAdapter(String name);

    /** {@code WintunCloseAdapter}: releases the handle; removes the adapter if this process created it. */
    void closeAdapter(long adapter);

    /** {@code WintunStartSession(Adapter, Capacity)}: a session handle, 0 on failure. */
    long startSession(long adapter, int capacity);

    /** {@code WintunEndSession}. */
    void endSession(long session);

    /** {@code WintunGetReadWaitEvent}: signalled when packets wait to be received; owned by the session. */
    long readWaitEvent(long session);

    /**
     * {@code WintunReceivePacket}: the address of the next packet (its length written to the 4-byte
     * {@code size}), or 0 with {@link #lastError} ERROR_NO_MORE_ITEMS, ERROR_HANDLE_EOF, ...
     */
    long receivePacket(long session, Pointer size);

    /** {@code WintunReleaseReceivePacket}. */
    void releaseReceivePacket(long session, long packet);

    /** {@code WintunAllocateSendPacket}: room for a packet, or 0 with ERROR_BUFFER_OVERFLOW when the ring is full. */
    long allocateSendPacket(long session, int size);

    /** {@code WintunSendPacket}: hands an allocated packet to the adapter. */
    void sendPacket(long session, long packet);

    /** {@code CreateEventW(NULL, manual reset, not signalled, NULL)}: an event handle, 0 on failure. */
    long createEvent();

    /** {@code SetEvent}. */
    boolean setEvent(long event);

    /**
     * {@code WaitForMultipleObjects(count, handles, FALSE, timeout)}: WAIT_OBJECT_0 + i for the first
     * signalled handle, WAIT_TIMEOUT (258), or WAIT_FAILED.
     */
    int waitForMultipleObjects(int count, Pointer handles, int timeoutMillis);

    /** {@code CloseHandle}. */
    boolean closeHandle(long handle);

    /** {@code GetLastError()} as it was right after this thread's previous call. */
    int lastError();
}
