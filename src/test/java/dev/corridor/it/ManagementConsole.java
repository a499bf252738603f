package dev.corridor.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's connection to the management interface of an OpenVPN process ({@code --management PATH unix}):
 * how a GUI answers a static challenge and reads pushed {@code echo} lines, done by a test.
 *
 * <pre>
 *   OpenVPN ──lines──► reader thread ──► queue ──► command(): first SUCCESS:/ERROR: line
 *                                             ├──► listing(): lines up to END
 *                                             └──► awaitNotification(): a line starting with "&gt;"
 *   notifications met while waiting for something else are kept for {@link #notifications()}
 * </pre>
 *
 * Commands are never recorded (they may carry a password); only what OpenVPN says is.
 */
final class ManagementConsole implements AutoCloseable {
    private final SocketChannel channel;
    private final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ManagementConsole(SocketChannel channel) {
        this.channel = channel;
        this.reader = new Thread(this::read, "openvpn-management-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects once OpenVPN has created {@code socket}; fails after {@code timeout}. */
    static ManagementConsole connect(Path socket, Duration timeout, Process openvpn) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!openvpn.isAlive()) {
                throw new IllegalStateException("openvpn exited " + openvpn.exitValue()
                        + " before its management socket opened");
            }
            if (Files.exists(socket)) {
                try {
                    return new ManagementConsole(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
                } catch (IOException e) {
                    last = e;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no management socket at " + socket + " within " + timeout
                + (last == null ? "" : ": " + last.getMessage()));
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                incoming.add(line);
            }
        } catch (IOException e) {
            // the socket closed: OpenVPN exited or close() was called
        }
    }

    private void send(String command) throws IOException {
        var bytes = java.nio.ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private String next(long deadline, String waitingFor) throws InterruptedException {
        String line = incoming.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
            throw new IllegalStateException("the management interface said nothing about " + waitingFor
                    + "; notifications so far: " + notifications);
        }
        return line;
    }

    /** Sends a one-line command and returns OpenVPN's SUCCESS:/ERROR: answer. */
    String command(String command, Duration timeout) throws IOException, InterruptedException {
        String verb = command.split(" ", 2)[0];
        send(command);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = next(deadline, "the answer to " + verb);
            if (line.startsWith(">")) {
                notifications.add(line);
            } else if (line.startsWith("SUCCESS:") || line.startsWith("ERROR:")) {
                return line;
            }
        }
    }

    /** Sends a command whose answer is a listing ended by {@code END} and returns the listing's lines. */
    List<String> listing(String command, Duration timeout) throws IOException, InterruptedException {
        send(command);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> listing = new ArrayList<>();
        while (true) {
            String line = next(deadline, "the listing of " + command);
            if (line.equals("END")) {
                return listing;
            }
            if (line.startsWith(">")) {
                notifications.add(line);
            } else if (line.startsWith("ERROR:")) {
                throw new IllegalStateException("`" + command + "` failed: " + line);
            } else {
                listing.add(line);
            }
        }
    }

    /** Waits for a notification line starting with {@code prefix} (e.g. {@code >PASSWORD:}) and returns it. */
    String awaitNotification(String prefix, Duration timeout) throws InterruptedException {
        for (String seen : notifications) {
            if (seen.startsWith(prefix)) {
                notifications.remove(seen);
                return seen;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = next(deadline, prefix);
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith(">")) {
                notifications.add(line);
            }
        }
    }

    /** Notifications that arrived while the console waited for something else. */
    List<String> notifications() {
        return List.copyOf(notifications);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        channel.close();
        reader.join(2_000);
    }
}
