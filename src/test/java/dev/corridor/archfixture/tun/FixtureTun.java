package dev.corridor.archfixture.tun;

/** Compliant: the TUN device interface, free of links, routes and the protocol. */
public interface FixtureTun {
    String name();

    int read(byte[] packet);
}
