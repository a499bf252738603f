package dev.corridor.tun.os;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Wintun} that behaves like one adapter with one session: packets a test {@linkplain
 * #arrive queues} come out of {@code receivePacket} from a native receive slot, the read event is
 * signalled while packets wait, the send ring holds {@code sendRingSlots} packets until the test
 * {@linkplain #drainSent drains} it, and GetLastError is kept per thread like the real one.
 */
final class FakeWintun implements Wintun {
    static final long ADAPTER = 0x100;
    static final long SESSION = 0x200;
    static final long READ_EVENT = 0x300;
    static final long QUIT_EVENT = 0x400;

    final List<String> lifecycle = Collections.synchronizedList(new ArrayList<>());
    final Set<String> existingAdapters = new HashSet<>();
    byte[] createdGuid;
    String createdName;
    String createdType;
    int sessionCapacity;
    int createError;
    int startSessionError;
    volatile boolean adapterGone;
    volatile int sendRingSlots = Integer.MAX_VALUE;
    /** When false, sent packets are only counted (no copies), for allocation measurements. */
    volatile boolean keepSent = true;
    long sentCount;
    int unreleased;

    private final Deque<byte[]> arriving = new ArrayDeque<>();
    private final List<byte[]> sent = new ArrayList<>();
    private boolean quit;
    private final Memory receiveSlot = new Memory(WintunTun.MAX_PACKET);
    private final Memory sendSlot = new Memory(WintunTun.MAX_PACKET);
    private int sendSlotSize;
    private final ThreadLocal<int[]> lastError = ThreadLocal.withInitial(() -> new int[1]);

    /** The OS routes {@code packet} into the adapter. */
    synchronized void arrive(byte[] packet) {
        arriving.add(packet);
        notifyAll();
    }

    /** The packets the device sent, oldest first; frees their ring slots. */
    synchronized List<byte[]> drainSent() {
        List<byte[]> copy = new ArrayList<>(sent);
        sent.clear();
        return copy;
    }

    private long fail(int error) {
        lastError.get()[0] = error;
        return 0;
    }

    @Override
    public long createAdapter(String name, String tunnelType, Pointer guid) {
        lifecycle.add("createAdapter " + name);
        if (createError != 0) {
            return fail(createError);
        }
        createdName = name;
        createdType = tunnelType;
        createdGuid = guid.getByteArray(0, 16);
        return ADAPTER;
    }

    @Override
    public long openAdapter(String name) {
        lifecycle.add("openAdapter " + name);
        return existingAdapters.contains(name) ? ADAPTER : fail(2);
    }

    @Override
    public void closeAdapter(long adapter) {
        lifecycle.add("closeAdapter");
    }

    @Override
    public long startSession(long adapter, int capacity) {
        lifecycle.add("startSession");
        sessionCapacity = capacity;
        return startSessionError != 0 ? fail(startSessionError) : SESSION;
    }

    @Override
    public void endSession(long session) {
        lifecycle.add("endSession");
    }

    @Override
    public long readWaitEvent(long session) {
        return READ_EVENT;
    }

    @Override
    public synchronized long receivePacket(long session, Pointer size) {
        if (adapterGone) {
            return fail(WintunTun.ERROR_HANDLE_EOF);
        }
        byte[] packet = arriving.poll();
        if (packet == null) {
            return fail(WintunTun.ERROR_NO_MORE_ITEMS);
        }
        receiveSlot.write(0, packet, 0, packet.length);
        size.setInt(0, packet.length);
        unreleased++;
        return Pointer.nativeValue(receiveSlot);
    }

    @Override
    public synchronized void releaseReceivePacket(long session, long packet) {
        if (packet != Pointer.nativeValue(receiveSlot)) {
            throw new IllegalStateException("released a packet that was not received");
        }
        unreleased--;
    }

    @Override
    public synchronized long allocateSendPacket(long session, int size) {
        if (adapterGone) {
            return fail(WintunTun.ERROR_HANDLE_EOF);
        }
        if (sent.size() >= sendRingSlots) {
            return fail(WintunTun.ERROR_BUFFER_OVERFLOW);
        }
        sendSlotSize = size;
        return Pointer.nativeValue(sendSlot);
    }

    @Override
    public synchronized void sendPacket(long session, long packet) {
        sentCount++;
        if (keepSent) {
            sent.add(sendSlot.getByteArray(0, sendSlotSize));
        }
    }

    @Override
    public long createEvent() {
        return QUIT_EVENT;
    }

    @Override
    public synchronized boolean setEvent(long event) {
        lifecycle.add("setEvent quit");
        quit = true;
        notifyAll();
        return true;
    }

    @Override
    public synchronized int waitForMultipleObjects(int count, Pointer handles, int timeoutMillis) {
        if (count != 2 || handles.getLong(0) != READ_EVENT || handles.getLong(8) != QUIT_EVENT) {
            throw new IllegalStateException("expected to wait on the read event and the quit event");
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            if (!arriving.isEmpty()) {
                return WintunTun.WAIT_OBJECT_0;
            }
            if (quit) {
                return WintunTun.WAIT_OBJECT_0 + 1;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return WintunTun.WAIT_TIMEOUT;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    @Override
    public boolean closeHandle(long handle) {
        lifecycle.add("closeHandle " + (handle == QUIT_EVENT ? "quit" : Long.toHexString(handle)));
        return true;
    }

    @Override
    public int lastError() {
        return lastError.get()[0];
    }
}
