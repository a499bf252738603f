package dev.corridor.server;

import dev.corridor.net.CommandRunner;
import dev.corridor.server.config.Ipv4Address;
import dev.corridor.server.config.Ipv4Cidr;
import dev.corridor.tun.TunDevice;
import dev.corridor.tun.os.OsTunDevices;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The endpoint's own TUN device when it runs as root (Linux): the server's tunnel address on it,
 * kernel IPv4 forwarding on, and source NAT for the client CIDR into the networks behind, so
 * clients reach real hosts as a Client VPN endpoint's ENI does.
 *
 * <pre>
 *   open:  TUN "crdsrv%d" (MTU 1500) ─► ip addr add S/len dev tun ─► ip link set tun up
 *          ─► net.ipv4.ip_forward=1 (old value kept) ─► nft table ip corridor-&lt;tun&gt;:
 *             postrouting: ip saddr CIDR oifname != tun masquerade
 *   run:   reader thread: tun.read ─► Delivery.deliver(packet) ─► the client owning the destination
 *          clients' packets ─► write (serialised: TCP mode has one reader thread per client)
 *   close: delete the nft table ─► restore ip_forward ─► close the TUN (the kernel drops it with its address)
 * </pre>
 *
 * A server killed with SIGKILL leaves the nft table and the forwarding switch behind (the TUN
 * device goes with the process); the next start replaces the table of the same name. The commands
 * ({@code ip}, {@code nft}) are run rather than netlink calls because this is a test fixture used
 * once per start, and their error messages explain themselves to the operator.
 */
final class ServerTun implements AutoCloseable {
    /** Where received packets go; called on the reader thread with a buffer it reuses. */
    interface Delivery {
        void deliver(byte[] packet, int length, ServerTransport.ReceiveBuffers buffers);
    }

    static final int MTU = 1500;
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

    private final TunDevice device;
    private final CommandRunner commands;
    private final String table;
    private final Optional<String> previousForwarding;
    private final Object writeLock = new Object();
    /** The last caller array wrapped (under {@link #writeLock}): each reader thread passes its own every time. */
    private byte[] wrappedArray;
    private ByteBuffer wrapped;
    private Thread reader;
    private volatile boolean open = true;

    private ServerTun(TunDevice device, CommandRunner commands, String table, Optional<String> previousForwarding) {
        this.device = device;
        this.commands = commands;
        this.table = table;
        this.previousForwarding = previousForwarding;
    }

    /**
     * Creates the device and the forwarding; on any failure undoes what was done and says what
     * failed.
     */
    static ServerTun open(String requestedName, Ipv4Address serverAddress, Ipv4Cidr clientCidr,
            CommandRunner commands) throws ServerSetupException {
        TunDevice device;
        try {
            device = OsTunDevices.open(requestedName, MTU);
        } catch (IOException e) {
            throw new ServerSetupException("cannot create the server's TUN device: " + e.getMessage());
        }
        String name = device.name();
        String table = "corridor-" + name;
        Optional<String> previous = Optional.empty();
        try {
            run(commands, List.of("ip", "addr", "add", serverAddress + "/" + clientCidr.prefix(), "dev", name));
            run(commands, List.of("ip", "link", "set", name, "up"));
            previous = Optional.of(Files.readString(IP_FORWARD, StandardCharsets.US_ASCII).strip());
            if (!previous.get().equals("1")) {
                Files.writeString(IP_FORWARD, "1\n", StandardCharsets.US_ASCII);
            }
            commands.run(List.of("nft", "delete", "table", "ip", table)); // a killed earlier run's leftover
            run(commands, List.of("nft", "-f", "-"), Optional.of(natRules(table, name, clientCidr)));
            return new ServerTun(device, commands, table, previous);
        } catch (ServerSetupException | IOException e) {
            commands.run(List.of("nft", "delete", "table", "ip", table));
            restoreForwarding(previous);
            device.close();
            throw e instanceof ServerSetupException setup ? setup
                    : new ServerSetupException("cannot switch on IPv4 forwarding: " + e.getMessage());
        }
    }

    /** The nft script: one table of our own, so nothing else's rules are touched. */
    static String natRules(String table, String device, Ipv4Cidr clientCidr) {
        return "table ip " + table + " {\n"
                + "  chain postrouting {\n"
                + "    type nat hook postrouting priority srcnat; policy accept;\n"
                + "    ip saddr " + clientCidr + " oifname != \"" + device + "\" masquerade\n"
                + "  }\n"
                + "}\n";
    }

    private static void run(CommandRunner commands, List<String> command) throws ServerSetupException {
        run(commands, command, Optional.empty());
    }

    private static void run(CommandRunner commands, List<String> command, Optional<String> input)
            throws ServerSetupException {
        CommandRunner.Result result = commands.run(command, input);
        if (result.exitCode() == CommandRunner.Result.NOT_FOUND) {
            throw new ServerSetupException("TUN mode needs the " + command.get(0) + " command; install "
                    + (command.get(0).equals("nft") ? "nftables" : "iproute2"));
        }
        if (!result.ok()) {
            throw new ServerSetupException(String.join(" ", command) + " failed: " + result.message());
        }
    }

    /** The device's name. */
    String name() {
        return device.name();
    }

    /** Starts the reader thread. */
    void start(Delivery delivery) {
        reader = new Thread(() -> read(delivery), "corridor-server-tun");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Delivery delivery) {
        ByteBuffer buffer = ByteBuffer.allocate(ServerTransport.MAX_PACKET_BYTES);
        ServerTransport.ReceiveBuffers buffers = new ServerTransport.ReceiveBuffers();
        while (open) {
            int length;
            try {
                length = device.read(buffer);
            } catch (IOException e) {
                return; // the device is gone
            }
            if (length < 0) {
                return;
            }
            if (length > 0) {
                delivery.deliver(buffer.array(), length, buffers);
            }
        }
    }

    /** Hands one client packet to the kernel (the device copies it once; no buffer is made per packet). */
    void write(byte[] packet, int length) {
        synchronized (writeLock) {
            if (wrappedArray != packet) {
                wrappedArray = packet;
                wrapped = ByteBuffer.wrap(packet);
            }
            wrapped.limit(length).position(0);
            try {
                device.write(wrapped);
            } catch (IOException e) {
                // the device is closing; the packet is lost like any packet on a failing link
            }
        }
    }

    @Override
    public void close() {
        open = false;
        commands.run(List.of("nft", "delete", "table", "ip", table));
        restoreForwarding(previousForwarding);
        device.close();
        if (reader != null) {
            try {
                reader.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void restoreForwarding(Optional<String> previous) {
        if (previous.isPresent() && !previous.get().equals("1")) {
            try {
                Files.writeString(IP_FORWARD, previous.get() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                // the setting stays on; reported nowhere better than here
            }
        }
    }
}
