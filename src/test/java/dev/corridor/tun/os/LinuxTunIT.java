package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.tun.TunDevice;
import dev.corridor.tun.packet.IcmpEcho;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Linux backend on the real kernel (root): a device made by {@link OsTunDevices} is moved into
 * a namespace {@code ctun-<n>}, given 198.19.n.1/24, and answers the namespace's pings to
 * 198.19.n.2 by reading each echo request from the device and writing the reply back.
 */
class LinuxTunIT {
    private CtunNamespace namespace;
    private TunDevice device;

    @BeforeEach
    void createNamespace() {
        namespace = CtunNamespace.create();
    }

    @AfterEach
    void cleanUp() {
        try {
            if (device != null) {
                device.close();
            }
        } finally {
            namespace.close();
        }
    }

    /** Moves the device into the namespace, addresses it as 198.19.n.1/24 and brings it up. */
    private String moveIntoNamespace(TunDevice tun) {
        String subnet = "198.19." + namespace.number();
        CtunNamespace.ok("ip", "link", "set", "dev", tun.name(), "netns", namespace.name());
        CtunNamespace.ok("ip", "-n", namespace.name(), "addr", "add", subnet + ".1/24", "dev", tun.name());
        CtunNamespace.ok("ip", "-n", namespace.name(), "link", "set", "dev", tun.name(), "up");
        return subnet;
    }

    private String linkInNamespace(String name) {
        return CtunNamespace.run("ip", "-n", namespace.name(), "-o", "link", "show", "dev", name).output();
    }

    @Test
    void pingFromTheNamespaceIsAnsweredThroughTheDevice() throws Exception {
        String name = CtunNamespace.PREFIX + namespace.number();
        device = OsTunDevices.open(name, 1400);
        assertThat(device.name()).isEqualTo(name);
        assertThat(device.mtu()).isEqualTo(1400);
        assertThat(CtunNamespace.ok("ip", "-o", "link", "show", "dev", name)).contains("mtu 1400");
        String subnet = moveIntoNamespace(device);

        AtomicInteger echoRequests = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        TunDevice tun = device;
        CompletableFuture<Void> responder = CompletableFuture.runAsync(() -> {
            ByteBuffer packet = ByteBuffer.allocate(2048);
            try {
                while (!stop.get()) {
                    int length = tun.read(packet);
                    if (length < 0) {
                        return;
                    }
                    if (length > 0 && IcmpEcho.answerInPlace(packet.array(), length)) {
                        echoRequests.incrementAndGet();
                        tun.write(ByteBuffer.wrap(packet.array(), 0, length));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        CtunNamespace.Result ping = namespace.exec("ping", "-n", "-c", "3", "-i", "0.2", "-W", "2", subnet + ".2");
        stop.set(true);
        responder.get(5, TimeUnit.SECONDS);

        assertThat(ping.exit()).as("ping output:%n%s", ping.output()).isZero();
        assertThat(ping.output()).contains("3 received");
        assertThat(echoRequests.get()).isEqualTo(3);
    }

    @Test
    void closeWakesABlockedReadAtOnceAndRemovesTheDevice() throws Exception {
        String name = CtunNamespace.PREFIX + namespace.number();
        // a read that would otherwise wait 10 s, so only the wake-up can end it quickly
        device = new LinuxTun(NativeLibc.INSTANCE).open(name, 1500, 10_000);
        moveIntoNamespace(device);
        assertThat(linkInNamespace(name)).contains(name);

        TunDevice tun = device;
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            ByteBuffer packet = ByteBuffer.allocate(2048);
            try {
                int length;
                do {
                    length = tun.read(packet); // IPv6 router solicitations may arrive first
                } while (length >= 0);
                return length;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        long start = System.nanoTime();
        device.close();
        int result = reader.get(5, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result).isEqualTo(-1);
        assertThat(millis).as("close until the blocked read returned").isLessThan(1_000);
        assertThat(device.read(ByteBuffer.allocate(2048))).isEqualTo(-1);
        assertThat(linkInNamespace(name)).as("the device is gone after close").doesNotContain(name + ":");
    }

    @Test
    void theKernelNamesTheDeviceWhenNoNameIsGiven() throws Exception {
        device = OsTunDevices.open(null, 1280);
        Matcher matcher = Pattern.compile("tun\\d+").matcher(device.name());
        assertThat(matcher.matches()).as(device.name()).isTrue();
        assertThat(CtunNamespace.ok("ip", "-o", "link", "show", "dev", device.name())).contains("mtu 1280");
        String name = device.name();
        device.close();
        assertThat(CtunNamespace.run("ip", "-o", "link", "show", "dev", name).exit()).isNotZero();

        device = OsTunDevices.open("ctun%d", 1500);
        assertThat(device.name()).as("the kernel fills in %%d").matches("ctun\\d+");
    }

    @Test
    void aNameInUseIsRefusedClearly() throws Exception {
        String name = CtunNamespace.PREFIX + namespace.number();
        device = OsTunDevices.open(name, 1500);
        assertThatThrownBy(() -> OsTunDevices.open(name, 1500))
                .isInstanceOf(IOException.class)
                .hasMessage("TUNSETIFF " + name + ": Device or resource busy — another program has this TUN"
                        + " device open");
        assertThatThrownBy(() -> OsTunDevices.open("lo", 1500))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("TUNSETIFF lo: Invalid argument — the name belongs to an interface");
    }

    @Test
    void writesWhileTheLinkIsDownAreDroppedAndADeletedDeviceFailsLoudly() throws Exception {
        String name = CtunNamespace.PREFIX + namespace.number();
        device = OsTunDevices.open(name, 1500);
        byte[] request = IcmpEcho.request((Inet4Address) InetAddress.getByName("198.19.0.2"),
                (Inet4Address) InetAddress.getByName("198.19.0.1"), 1, 1, 16);

        device.write(ByteBuffer.wrap(request)); // the link is still down: the kernel refuses with EIO
        assertThat(((PollingTun) device).droppedWrites()).isEqualTo(1);

        CtunNamespace.ok("ip", "link", "del", "dev", name);
        assertThatThrownBy(() -> device.read(ByteBuffer.allocate(2048)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(name + ": the device failed");
        assertThatThrownBy(() -> device.write(ByteBuffer.wrap(request)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(name + ": write: ");
    }
}
