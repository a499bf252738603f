package dev.corridor.net.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rtnetlink request/answer protocol over one {@link NetlinkSocket}: numbers each request, and
 * waits for the answers that carry its number (anything else on the socket is stale and skipped).
 *
 * <pre>
 *   change:  request (NLM_F_ACK) ─▶ NLMSG_ERROR error 0 = done      | error -errno ─▶ NetlinkErrorException
 *   get:     request             ─▶ one RTM_NEW* message            | NLMSG_ERROR  ─▶ NetlinkErrorException
 *   dump:    request (NLM_F_DUMP) ─▶ RTM_NEW* ... (NLM_F_MULTI) ─▶ NLMSG_DONE
 *            a part marked NLM_F_DUMP_INTR (the table changed meanwhile): the whole dump again, up to 3 times
 * </pre>
 */
final class RtnetlinkChannel implements AutoCloseable {
    private static final int DUMP_ATTEMPTS = 3;

    private final NetlinkSocket socket;
    private final byte[] buffer = new byte[65_536];
    private int sequence;

    RtnetlinkChannel(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Sends a change and waits for its acknowledgement. */
    void change(NetlinkMessage request) throws IOException {
        NetlinkMessage answer = answerTo(send(request));
        if (answer.type() != NetlinkMessage.NLMSG_ERROR) {
            throw new NetlinkFormatException("message type " + answer.type() + " where an acknowledgement was expected");
        }
        throwIfError(answer);
    }

    /** Sends a get for one object and returns the kernel's one answer. */
    NetlinkMessage get(NetlinkMessage request) throws IOException {
        NetlinkMessage answer = answerTo(send(request));
        if (answer.type() == NetlinkMessage.NLMSG_ERROR) {
            throwIfError(answer);
            throw new NetlinkFormatException("an acknowledgement where an answer was expected");
        }
        return answer;
    }

    /** The first message carrying sequence {@code number}; the rest of its datagram is not needed. */
    private NetlinkMessage answerTo(int number) throws IOException {
        while (true) {
            for (NetlinkMessage answer : receive()) {
                if (answer.sequence() == number) {
                    return answer;
                }
            }
        }
    }

    /** Sends a dump request and returns every message of the dump (without the closing NLMSG_DONE). */
    List<NetlinkMessage> dump(NetlinkMessage request) throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<NetlinkMessage> parts = new ArrayList<>();
            boolean interrupted = false;
            int number = send(request);
            boolean done = false;
            while (!done) {
                for (NetlinkMessage answer : receive()) {
                    if (answer.sequence() != number) {
                        continue;
                    }
                    interrupted |= (answer.flags() & NetlinkMessage.NLM_F_DUMP_INTR) != 0;
                    if (answer.type() == NetlinkMessage.NLMSG_DONE) {
                        throwIfDumpFailed(answer);
                        done = true;
                        break;
                    }
                    if (answer.type() == NetlinkMessage.NLMSG_ERROR) {
                        throwIfError(answer);
                        throw new NetlinkFormatException("an acknowledgement inside a dump");
                    }
                    if (answer.type() == NetlinkMessage.NLMSG_OVERRUN) {
                        throw new IOException("the kernel's netlink dump overran");
                    }
                    if (answer.type() != NetlinkMessage.NLMSG_NOOP) {
                        parts.add(answer);
                    }
                }
            }
            if (!interrupted) {
                return parts;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new IOException("the kernel's netlink dump was interrupted by changes " + DUMP_ATTEMPTS
                        + " times in a row");
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    private int send(NetlinkMessage request) throws IOException {
        sequence++;
        socket.send(request.withSequence(sequence).encode());
        return sequence;
    }

    private List<NetlinkMessage> receive() throws IOException {
        int length = socket.receive(buffer);
        return NetlinkMessage.parseAll(buffer, length);
    }

    private static void throwIfError(NetlinkMessage answer) throws NetlinkFormatException, NetlinkErrorException {
        NetlinkAck ack = NetlinkAck.decode(answer);
        if (!ack.ok()) {
            throw new NetlinkErrorException(ack.errno(), ack.kernelText());
        }
    }

    /** NLMSG_DONE carries the dump's result as an int: 0, or -errno when it failed part-way. */
    private static void throwIfDumpFailed(NetlinkMessage done) throws NetlinkErrorException {
        ByteBuffer body = done.body();
        if (body.remaining() >= 4) {
            int result = body.getInt();
            if (result < 0) {
                throw new NetlinkErrorException(-result, Optional.empty());
            }
        }
    }
}
