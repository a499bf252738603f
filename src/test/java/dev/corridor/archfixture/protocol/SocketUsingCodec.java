package dev.corridor.archfixture.protocol;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;

/** Breaks protocol-does-no-io: the protocol opens a UDP socket. */
public final class SocketUsingCodec {
    public void send(byte[] packet) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(packet, packet.length));
        }
    }
}
