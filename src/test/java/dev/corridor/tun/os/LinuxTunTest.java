package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.tun.TunDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Linux open sequence against {@link FakeLibc}: what reaches the kernel, and the errors that come back. */
class LinuxTunTest {
    private static final int EPERM = 1;

    private static ByteBuffer nativeOrder(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    @Test
    void opensTheCloneDeviceAsksForABareTunAndSetsTheMtu() throws Exception {
        FakeLibc libc = new FakeLibc().writing("ioctl", request -> {
            if (request.getShort(16) == 0x1001) { // TUNSETIFF: the kernel writes the name it chose
                request.write(0, "tun3\0".getBytes(StandardCharsets.US_ASCII), 0, 5);
            }
        });

        TunDevice device = new LinuxTun(libc).open("", 1400, 200);

        assertThat(device.name()).isEqualTo("tun3");
        assertThat(device.mtu()).isEqualTo(1400);
        FakeLibc.Call open = libc.calls.get(0);
        assertThat(open.name()).isEqualTo("open:/dev/net/tun");
        assertThat(open.fd()).isEqualTo(0x2 | 0x80000 | 0x800); // O_RDWR | O_CLOEXEC | O_NONBLOCK
        FakeLibc.Call setIff = libc.calls("ioctl").get(0);
        assertThat(setIff.request()).isEqualTo(0x400454caL);
        assertThat(setIff.memory()).hasSize(40);
        assertThat(nativeOrder(setIff.memory()).getShort(16)).isEqualTo((short) 0x1001); // IFF_TUN | IFF_NO_PI
        assertThat(setIff.memory()[0]).isZero(); // no name: the kernel picks tunN
        FakeLibc.Call socket = libc.calls("socket").get(0);
        assertThat(socket.fd()).isEqualTo(2); // AF_INET
        FakeLibc.Call setMtu = libc.calls("ioctl").get(1);
        assertThat(setMtu.request()).isEqualTo(0x8922L);
        assertThat(new String(setMtu.memory(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("tun3");
        assertThat(setMtu.memory()[4]).isZero();
        assertThat(nativeOrder(setMtu.memory()).getInt(16)).isEqualTo(1400);
        FakeLibc.Call setQueue = libc.calls("ioctl").get(2);
        assertThat(setQueue.fd()).as("on the same socket").isEqualTo(setMtu.fd());
        assertThat(setQueue.request()).isEqualTo(0x8943L); // SIOCSIFTXQLEN
        assertThat(new String(setQueue.memory(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("tun3\0");
        assertThat(nativeOrder(setQueue.memory()).getInt(16)).isEqualTo(1000);
        assertThat(libc.closed).as("only the MTU socket is closed while open").hasSize(1);

        device.close();
        assertThat(libc.closed).as("the device, the pipe ends and the MTU socket").hasSize(4).contains(10);
    }

    @Test
    void aRequestedNameIsPassedInTheIfreq() throws Exception {
        FakeLibc libc = new FakeLibc();
        try (TunDevice device = new LinuxTun(libc).open("corr0", 1500, 200)) {
            assertThat(device.name()).isEqualTo("corr0");
            byte[] setIff = libc.calls("ioctl").get(0).memory();
            assertThat(new String(setIff, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("corr0\0");
        }
    }

    @Test
    void withoutPrivilegeTheErrorSaysWhatToDo() {
        FakeLibc libc = new FakeLibc().failing("open", EPERM);
        assertThatThrownBy(() -> new LinuxTun(libc).open("", 1500, 200))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("/dev/net/tun: Operation not permitted — run as root or with CAP_NET_ADMIN");
    }

    @Test
    void aFailedIoctlClosesTheDescriptor() {
        FakeLibc libc = new FakeLibc().failing("ioctl", 16);
        assertThatThrownBy(() -> new LinuxTun(libc).open("corr0", 1500, 200))
                .hasMessage("TUNSETIFF corr0: Device or resource busy — another program has this TUN device open");
        assertThat(libc.closed).containsExactly(10);
    }

    @Test
    void aMissingCloneDeviceSuggestsLoadingTheModule() {
        FakeLibc libc = new FakeLibc().failing("open", 2);
        assertThatThrownBy(() -> new LinuxTun(libc).open("", 1500, 200))
                .hasMessage("/dev/net/tun: No such file or directory — the kernel has no TUN support loaded"
                        + " (modprobe tun)");
    }

    @Test
    void namesTheKernelWouldRefuseAreRejectedBeforeAnyCall() {
        for (String bad : new String[] {"sixteen-chars-xx", "tun/0", "tun 0", "tun:0", "..", "tün0"}) {
            assertThatThrownBy(() -> LinuxTun.checkName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        LinuxTun.checkName("fifteen-chars-x");
        LinuxTun.checkName("corr%d");
        LinuxTun.checkName("");
    }
}
