package dev.corridor.net.os;

import dev.corridor.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only kernel side of NETLINK_ROUTE: decodes each request into an ip-like line (recorded), keeps
 * the links' MTU and up state, answers dumps with the messages the test gave, changes with an
 * acknowledgement or the errno the test asked for. Opens any number of sockets onto the same state.
 */
final class FakeRtnetlink implements NetlinkSocket.Opener {
    private final Map<String, int[]> links = new LinkedHashMap<>(); // name -> index, mtu, up
    private final List<byte[]> addresses = new ArrayList<>();
    private final List<byte[]> routes = new ArrayList<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private byte[] extraDumpMessage;
    private int opened;

    FakeRtnetlink link(int index, String name, int mtu, boolean up) {
        links.put(name, new int[] {index, mtu, up ? 1 : 0});
        return this;
    }

    /** An address message (sequence is filled in when sent). */
    FakeRtnetlink address(int index, String address, int prefixLength) {
        addresses.add(KernelReplies.address(0, index, Addresses.parse(address), prefixLength));
        return this;
    }

    /** A route message; gateway null for none, oif 0 for none. */
    FakeRtnetlink route(String destination, int length, int table, int type, int flags, String gateway, int oif,
            int metric) {
        routes.add(KernelReplies.route(0, Addresses.parse(destination), length, table, type, flags,
                gateway == null ? null : Addresses.parse(gateway), oif, metric));
        return this;
    }

    /** Requests whose line starts with {@code prefix} fail with {@code errno}. */
    FakeRtnetlink fail(String prefix, int errno) {
        failures.put(prefix, errno);
        return this;
    }

    /** Appends these raw bytes to every dump answer (to feed malformed messages). */
    FakeRtnetlink withDumpGarbage(byte[] bytes) {
        extraDumpMessage = bytes.clone();
        return this;
    }

    /** The requests so far as ip-like lines. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The requests that changed something (no gets, no dumps). */
    List<String> changes() {
        return requests.stream().filter(r -> !r.startsWith("get ") && !r.startsWith("dump ")).toList();
    }

    int opened() {
        return opened;
    }

    /** A link's current MTU and up state, as {@code mtu 1400 up}. */
    String state(String name) {
        int[] link = links.get(name);
        return "mtu " + link[1] + (link[2] == 1 ? " up" : " down");
    }

    @Override
    public NetlinkSocket open() {
        opened++;
        return new Socket();
    }

    /** One open socket: a queue of datagrams waiting to be received. */
    private final class Socket implements NetlinkSocket {
        private final Deque<byte[]> answers = new ArrayDeque<>();
        private boolean closed;

        @Override
        public void send(byte[] datagram) throws IOException {
            if (closed) {
                throw new IOException("send on a closed socket");
            }
            NetlinkMessage request = NetlinkMessage.parseAll(datagram, datagram.length).get(0);
            int seq = request.sequence();
            answers.add(KernelReplies.error(seq + 1000, 0, 0)); // stale: another sequence, must be skipped
            String line = describe(request);
            requests.add(line);
            for (Map.Entry<String, Integer> failure : failures.entrySet()) {
                if (line.startsWith(failure.getKey())) {
                    answers.add(KernelReplies.error(seq, failure.getValue(), request.type()));
                    return;
                }
            }
            if (line.startsWith("dump ")) {
                List<byte[]> parts = line.equals("dump links") ? linkMessages()
                        : line.equals("dump addresses") ? addresses
                        : routes.stream().filter(r -> r[16] == (line.endsWith("inet6") ? 10 : 2)).toList();
                for (byte[] part : parts) {
                    answers.add(withSequence(part, seq));
                }
                if (extraDumpMessage != null) {
                    answers.add(withSequence(extraDumpMessage, seq));
                }
                answers.add(KernelReplies.done(seq));
                return;
            }
            if (line.startsWith("get link ")) {
                int[] link = links.get(line.substring("get link ".length()));
                answers.add(link == null ? KernelReplies.error(seq, NetlinkErrno.ENODEV, request.type())
                        : KernelReplies.link(seq, link[0], line.substring(9), link[1], link[2] == 1));
                return;
            }
            if (line.startsWith("link set ")) {
                String[] words = line.split(" ");
                int[] link = links.get(words[2]);
                if (link == null) {
                    answers.add(KernelReplies.error(seq, NetlinkErrno.ENODEV, request.type()));
                    return;
                }
                link[1] = Integer.parseInt(words[4]);
                if (words.length > 5) {
                    link[2] = words[5].equals("up") ? 1 : 0;
                }
            }
            answers.add(KernelReplies.error(seq, 0, request.type()));
        }

        @Override
        public int receive(byte[] buffer) throws IOException {
            byte[] next = answers.poll();
            if (next == null) {
                throw new IOException("the fake kernel has nothing more to say");
            }
            System.arraycopy(next, 0, buffer, 0, next.length);
            return next.length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private List<byte[]> linkMessages() {
        List<byte[]> messages = new ArrayList<>();
        links.forEach((name, link) -> messages.add(KernelReplies.link(0, link[0], name, link[1], link[2] == 1)));
        return messages;
    }

    private static byte[] withSequence(byte[] message, int sequence) {
        byte[] copy = Arrays.copyOf(message, message.length);
        ByteBuffer.wrap(copy).order(NetlinkMessage.ORDER).putInt(8, sequence);
        return copy;
    }

    /** The request as an ip-like line, e.g. {@code route add 0.0.0.0/1 via 10.8.0.5 oif 9}. */
    private static String describe(NetlinkMessage request) throws IOException {
        ByteBuffer body = request.body();
        boolean dump = (request.flags() & NetlinkMessage.NLM_F_DUMP) == NetlinkMessage.NLM_F_DUMP;
        boolean exclusive = (request.flags() & (NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL))
                == (NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL);
        boolean acked = (request.flags() & NetlinkMessage.NLM_F_ACK) != 0;
        switch (request.type()) {
            case RtnetlinkRequests.RTM_GETLINK: {
                if (dump) {
                    return "dump links";
                }
                body.position(16);
                return "get link " + RtAttributes.parse(body).string(RtnetlinkRequests.IFLA_IFNAME).orElse("?");
            }
            case RtnetlinkRequests.RTM_GETADDR:
                return "dump addresses";
            case RtnetlinkRequests.RTM_GETROUTE:
                return "dump routes " + (body.get(0) == 10 ? "inet6" : "inet");
            case RtnetlinkRequests.RTM_NEWLINK: {
                body.position(8);
                int flags = body.getInt();
                int change = body.getInt();
                RtAttributes attributes = RtAttributes.parse(body);
                return "link set " + attributes.string(RtnetlinkRequests.IFLA_IFNAME).orElse("?") + " mtu "
                        + attributes.u32(RtnetlinkRequests.IFLA_MTU).orElse(-1)
                        + (change == 0 ? "" : (flags & 1) != 0 ? " up" : " down") + (acked ? "" : " NO-ACK");
            }
            case RtnetlinkRequests.RTM_NEWADDR:
            case RtnetlinkRequests.RTM_DELADDR: {
                int prefix = Byte.toUnsignedInt(body.get(1));
                int index = body.getInt(4);
                body.position(8);
                RtAttributes attributes = RtAttributes.parse(body);
                InetAddress local = InetAddress.getByAddress(attributes.bytes(RtnetlinkRequests.IFA_LOCAL).get());
                InetAddress peer = InetAddress.getByAddress(attributes.bytes(RtnetlinkRequests.IFA_ADDRESS).get());
                boolean add = request.type() == RtnetlinkRequests.RTM_NEWADDR;
                return "addr " + (add ? "add " : "del ") + Addresses.format(local) + "/" + prefix
                        + (peer.equals(local) ? "" : " peer " + Addresses.format(peer)) + " index " + index
                        + (add && !exclusive ? " NOT-EXCLUSIVE" : "") + (acked ? "" : " NO-ACK");
            }
            case RtnetlinkRequests.RTM_NEWROUTE:
            case RtnetlinkRequests.RTM_DELROUTE: {
                int length = Byte.toUnsignedInt(body.get(1));
                int table = Byte.toUnsignedInt(body.get(4));
                int scope = Byte.toUnsignedInt(body.get(6));
                body.position(12);
                RtAttributes attributes = RtAttributes.parse(body);
                boolean add = request.type() == RtnetlinkRequests.RTM_NEWROUTE;
                String via = attributes.bytes(RtnetlinkRequests.RTA_GATEWAY).map(FakeRtnetlink::format)
                        .map(g -> " via " + g).orElse("");
                return "route " + (add ? "add " : "del ")
                        + format(attributes.bytes(RtnetlinkRequests.RTA_DST).get()) + "/" + length + via + " oif "
                        + attributes.u32(RtnetlinkRequests.RTA_OIF).orElse(0)
                        + (table == RtnetlinkRequests.RT_TABLE_MAIN ? "" : " table " + table)
                        + (add && scope == RtnetlinkRequests.RT_SCOPE_LINK ? " scope link" : "")
                        + (add && !exclusive ? " NOT-EXCLUSIVE" : "") + (acked ? "" : " NO-ACK");
            }
            default:
                return "type " + request.type();
        }
    }

    private static String format(byte[] address) {
        try {
            return Addresses.format(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
