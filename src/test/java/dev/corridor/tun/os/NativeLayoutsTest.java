package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sizes and offsets of the C structures the backends build by hand, checked byte by byte. */
class NativeLayoutsTest {
    @Test
    void ctlInfoIsAnIdThenANinetySixByteName() {
        assertThat(CtlInfo.SIZE).isEqualTo(4 + 96);
        try (Memory info = CtlInfo.request("com.apple.net.utun_control")) {
            assertThat(info.size()).isEqualTo(100);
            assertThat(info.getInt(0)).as("ctl_id, filled by the kernel").isZero();
            assertThat(info.getString(4)).isEqualTo("com.apple.net.utun_control");
            assertThat(info.getByteArray(30, 70)).as("rest of ctl_name is NUL").containsOnly(0);
            info.setInt(0, 42);
            assertThat(CtlInfo.id(info)).isEqualTo(42);
        }
        assertThatThrownBy(() -> CtlInfo.request("x".repeat(96))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ctliocginfoEncodesReadWriteSizeTypeAndNumber() {
        long readWrite = 3L << 30;
        long size = (long) CtlInfo.SIZE << 16;
        long type = (long) 'N' << 8;
        assertThat(CtlInfo.CTLIOCGINFO).isEqualTo(readWrite | size | type | 3);
    }

    @Test
    void ifreqIoctlNumbersEncodeTheirStructSizes() {
        assertThat(LinuxTun.TUNSETIFF).as("_IOW('T', 202, int)").isEqualTo((1L << 30) | (4L << 16) | ('T' << 8) | 202);
        assertThat(DarwinUtun.SIOCSIFMTU).as("_IOW('i', 52, struct ifreq)")
                .isEqualTo((1L << 31) | ((long) Ifreq.DARWIN.size() << 16) | ('i' << 8) | 52);
    }

    @Test
    void sockaddrCtlIsThirtyTwoBytesWithReservedZeros() {
        try (Memory address = SockaddrCtl.of(0x01020304, 9)) {
            byte[] bytes = address.getByteArray(0, 32);
            assertThat(bytes).containsExactly(
                    32, 32, 2, 0, // sc_len, sc_family AF_SYSTEM, ss_sysaddr AF_SYS_CONTROL (little-endian)
                    4, 3, 2, 1, // sc_id
                    9, 0, 0, 0, // sc_unit
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0); // sc_reserved[5]
        }
    }

    @Test
    void ifreqIsANameThenAUnionAtSixteen() {
        assertThat(Ifreq.LINUX.size()).isEqualTo(40);
        assertThat(Ifreq.DARWIN.size()).isEqualTo(32);
        try (Memory request = Ifreq.LINUX.withName("tun0")) {
            assertThat(request.size()).isEqualTo(40);
            assertThat(request.getByteArray(0, 40)).containsExactly(
                    't', 'u', 'n', '0', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            request.write(0, new byte[] {'t', 'u', 'n', '1', '2', 0}, 0, 6);
            assertThat(Ifreq.name(request)).isEqualTo("tun12");
        }
        assertThatThrownBy(() -> Ifreq.LINUX.withName("sixteen-chars-xx")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void guidHasLittleEndianFirstThreeFieldsAndDataFourInOrder() {
        UUID uuid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        try (Memory guid = Guid.of(uuid)) {
            assertThat(guid.getByteArray(0, 16)).containsExactly(
                    0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
                    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff);
        }
        assertThat(Guid.forAdapter("Corridor")).isEqualTo(Guid.forAdapter("Corridor"))
                .isNotEqualTo(Guid.forAdapter("Work"));
    }
}
