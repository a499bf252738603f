package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.tun.TunDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The macOS utun open sequence against {@link FakeLibc}: the kernel-control socket, CTLIOCGINFO,
 * connect with the unit, the interface name and the MTU. macOS is little-endian on both its CPUs,
 * as is the machine these tests run on, so host-order fields are checked as little-endian.
 */
class DarwinUtunTest {
    private static final int CONTROL_ID = 0x0badcafe;

    private static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static FakeLibc kernel(String interfaceName) {
        return new FakeLibc()
                .writing("ioctl", info -> {
                    if (info.getString(CtlInfo.NAME_OFFSET).equals(CtlInfo.UTUN_CONTROL)) {
                        info.setInt(CtlInfo.ID_OFFSET, CONTROL_ID);
                    }
                })
                .writing("getsockopt", name -> name.write(0,
                        (interfaceName + "\0").getBytes(StandardCharsets.US_ASCII), 0, interfaceName.length() + 1));
    }

    @Test
    void connectsToTheUtunControlWithTheUnitForTheRequestedName() throws Exception {
        FakeLibc libc = kernel("utun7");

        TunDevice device = new DarwinUtun(libc).open("utun7", 1380, 200);

        assertThat(device.name()).isEqualTo("utun7");
        assertThat(device.mtu()).isEqualTo(1380);
        FakeLibc.Call control = libc.calls("socket").get(0);
        assertThat(control.fd()).isEqualTo(32); // PF_SYSTEM
        assertThat(control.request()).isEqualTo((2L << 32) | 2); // SOCK_DGRAM, SYSPROTO_CONTROL

        FakeLibc.Call info = libc.calls("ioctl").get(0);
        assertThat(info.request()).isEqualTo(0xC0644E03L);
        assertThat(info.memory()).hasSize(100);
        assertThat(new String(info.memory(), 4, 27, StandardCharsets.US_ASCII))
                .isEqualTo("com.apple.net.utun_control\0");

        FakeLibc.Call connect = libc.calls("connect").get(0);
        assertThat(connect.request()).as("address length").isEqualTo(32);
        ByteBuffer address = littleEndian(connect.memory());
        assertThat(address.get(0)).as("sc_len").isEqualTo((byte) 32);
        assertThat(address.get(1)).as("sc_family = AF_SYSTEM").isEqualTo((byte) 32);
        assertThat(address.getShort(2)).as("ss_sysaddr = AF_SYS_CONTROL").isEqualTo((short) 2);
        assertThat(address.getInt(4)).as("sc_id").isEqualTo(CONTROL_ID);
        assertThat(address.getInt(8)).as("sc_unit: utun7 is unit 8").isEqualTo(8);
        for (int offset = 12; offset < 32; offset += 4) {
            assertThat(address.getInt(offset)).as("sc_reserved at %d", offset).isZero();
        }

        FakeLibc.Call name = libc.calls("getsockopt").get(0);
        assertThat(name.request()).as("SYSPROTO_CONTROL, UTUN_OPT_IFNAME").isEqualTo((2L << 32) | 2);
        assertThat(littleEndian(name.memory()).getInt(0)).as("socklen_t in").isEqualTo(16);

        assertThat(libc.calls("socket").get(1).fd()).as("AF_INET socket for the MTU").isEqualTo(2);
        FakeLibc.Call mtu = libc.calls("ioctl").get(1);
        assertThat(mtu.request()).isEqualTo(0x80206934L); // _IOW('i', 52, struct ifreq)
        assertThat(mtu.memory()).hasSize(32);
        assertThat(new String(mtu.memory(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("utun7\0");
        assertThat(littleEndian(mtu.memory()).getInt(16)).isEqualTo(1380);
        device.close();
    }

    @Test
    void noNameLetsTheKernelPickTheUnit() throws Exception {
        FakeLibc libc = kernel("utun4");
        try (TunDevice device = new DarwinUtun(libc).open("", 1500, 200)) {
            assertThat(device.name()).isEqualTo("utun4");
            assertThat(littleEndian(libc.calls("connect").get(0).memory()).getInt(8)).isZero();
        }
    }

    @Test
    void onlyUtunNamesCanBeAskedFor() {
        assertThat(DarwinUtun.unitFor("utun0")).isEqualTo(1);
        assertThat(DarwinUtun.unitFor("utun12")).isEqualTo(13);
        assertThat(DarwinUtun.unitFor("")).isZero();
        assertThatThrownBy(() -> DarwinUtun.unitFor("tun0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("utunN");
    }

    @Test
    void aUnitInUseIsReportedAndTheSocketClosed() {
        FakeLibc libc = kernel("utun7").failing("connect", 16);
        assertThatThrownBy(() -> new DarwinUtun(libc).open("utun7", 1500, 200))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("connect to utun unit utun7: Device or resource busy — utun7 is in use");
        assertThat(libc.closed).containsExactly(10);
    }

    @Test
    void withoutRootTheErrorSaysSo() {
        FakeLibc libc = kernel("utun7").failing("socket", 1);
        assertThatThrownBy(() -> new DarwinUtun(libc).open("", 1500, 200))
                .hasMessage("utun control socket: Operation not permitted — creating a utun interface needs root");
    }
}
