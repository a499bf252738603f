package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The per-packet headers: none on Linux, the 4-byte big-endian address family on macOS utun. */
class PacketFramingTest {
    private final PacketFraming darwin = PacketFraming.AddressFamilyHeader.DARWIN;

    @Test
    void ipv4GetsAfInetInBigEndian() {
        ByteBuffer frame = ByteBuffer.allocate(8);
        assertThat(darwin.writeHeader(frame, (byte) 0x45)).isTrue();
        assertThat(frame.array()).startsWith(0, 0, 0, 2);
    }

    @Test
    void ipv6GetsAfInet6WhichIsThirtyOnMacos() {
        ByteBuffer frame = ByteBuffer.allocate(8);
        assertThat(darwin.writeHeader(frame, (byte) 0x60)).isTrue();
        assertThat(frame.array()).startsWith(0, 0, 0, 30);
    }

    @Test
    void otherVersionsCannotBeFramed() {
        ByteBuffer frame = ByteBuffer.allocate(8);
        assertThat(darwin.writeHeader(frame, (byte) 0x50)).isFalse();
        assertThat(darwin.writeHeader(frame, (byte) 0x00)).isFalse();
    }

    @Test
    void readFramesAreAcceptedOnlyWithAKnownFamilyAndAPacket() {
        assertThat(darwin.headerLength()).isEqualTo(4);
        assertThat(darwin.accepts(ByteBuffer.wrap(new byte[] {0, 0, 0, 2, 0x45}), 5)).isTrue();
        assertThat(darwin.accepts(ByteBuffer.wrap(new byte[] {0, 0, 0, 30, 0x60}), 5)).isTrue();
        assertThat(darwin.accepts(ByteBuffer.wrap(new byte[] {0, 0, 0, 2, 0x45}), 4)).as("header only").isFalse();
        assertThat(darwin.accepts(ByteBuffer.wrap(new byte[] {2, 0, 0, 0, 0x45}), 5)).as("little-endian").isFalse();
        assertThat(darwin.accepts(ByteBuffer.wrap(new byte[] {0, 0, 0, 10, 0x60}), 5)).as("Linux AF_INET6").isFalse();
    }

    @Test
    void linuxPacketsAreBare() {
        PacketFraming bare = new PacketFraming.Bare();
        assertThat(bare.headerLength()).isZero();
        assertThat(bare.writeHeader(ByteBuffer.allocate(1), (byte) 0x45)).isTrue();
        assertThat(bare.accepts(ByteBuffer.allocate(1), 1)).isTrue();
        assertThat(bare.accepts(ByteBuffer.allocate(1), 0)).isFalse();
    }
}
