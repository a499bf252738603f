package dev.corridor.net.os;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The payload of an {@code NLMSG_ERROR} message, decoded without I/O: error 0 is the acknowledgement
 * of a request sent with {@code NLM_F_ACK}, a negative value the errno it failed with.
 *
 * <pre>
 *   0              4                    20 (capped) or 4 + request length
 *   ├──────────────┼────────────────────┼──────────────────────────── ─ ─
 *   │ error  s32   │ the request's      │ extended-ack attributes (rtattr layout) when
 *   │ 0 or -errno  │ nlmsghdr [+ body]  │ NLM_F_ACK_TLVS: type 1 = the kernel's text, NUL-terminated
 *   └──────────────┴────────────────────┴──────────────────────────── ─ ─
 *   the request's body is left out when the message has NLM_F_CAPPED
 * </pre>
 */
record NetlinkAck(int errno, Optional<String> kernelText) {
    private static final int NLMSGERR_ATTR_MSG = 1;

    boolean ok() {
        return errno == 0;
    }

    /** Decodes an {@code NLMSG_ERROR} message. */
    static NetlinkAck decode(NetlinkMessage message) throws NetlinkFormatException {
        ByteBuffer body = message.body();
        if (body.remaining() < 4) {
            throw new NetlinkFormatException("an error message of " + body.remaining() + " bytes (at least 4 needed)");
        }
        int error = body.getInt();
        if (error > 0) {
            throw new NetlinkFormatException("an error message with positive error " + error);
        }
        Optional<String> text = Optional.empty();
        if ((message.flags() & NetlinkMessage.NLM_F_ACK_TLVS) != 0 && body.remaining() >= NetlinkMessage.HEADER) {
            int requestLength = body.getInt(body.position());
            int echoed = (message.flags() & NetlinkMessage.NLM_F_CAPPED) != 0 ? NetlinkMessage.HEADER
                    : NetlinkMessage.align(requestLength);
            if (echoed < NetlinkMessage.HEADER || echoed > body.remaining()) {
                throw new NetlinkFormatException("an error message echoes a request of " + requestLength
                        + " bytes in " + body.remaining());
            }
            body.position(body.position() + echoed);
            text = RtAttributes.parse(body).string(NLMSGERR_ATTR_MSG).filter(t -> !t.isBlank());
        }
        return new NetlinkAck(-error, text);
    }
}
