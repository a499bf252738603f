package dev.corridor.archfixture.client;

import com.sun.jna.Pointer;

/** Breaks jna-only-in-os-backends: a JNA pointer in the client engine. */
public final class JnaInClient {
    private Pointer handle;

    public boolean open() {
        return handle != null;
    }
}
