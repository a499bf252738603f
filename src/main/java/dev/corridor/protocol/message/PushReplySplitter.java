package dev.corridor.protocol.message;

import dev.corridor.protocol.message.ControlMessage.PushReply;
import dev.corridor.protocol.message.ControlMessage.PushReply.Continuation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a server's option list into PUSH_REPLY messages that each fit the push bundle size
 * (protocol.md §6.2; 2.x {@code send_push_reply}, PUSH_BUNDLE_SIZE 1024).
 *
 * <pre>
 *   fits in one message?  PUSH_REPLY,o1,o2,...,on                         (no push-continuation)
 *   otherwise             PUSH_REPLY,o1,..,ok,push-continuation 2
 *                         PUSH_REPLY,ok+1,..,push-continuation 2
 *                         PUSH_REPLY,..,on,push-continuation 1
 * </pre>
 *
 * Each message, with its NUL, is at most {@code bundleSize} bytes. Options keep their order and are
 * never cut.
 */
public final class PushReplySplitter {
    /** 2.x PUSH_BUNDLE_SIZE. */
    public static final int DEFAULT_BUNDLE_SIZE = 1024;

    private static final int PREFIX_BYTES = "PUSH_REPLY".length();
    private static final int CONTINUATION_BYTES = ",push-continuation 2".length();

    private PushReplySplitter() {}

    /** The messages for {@code options} with the default bundle size. */
    public static List<PushReply> split(List<String> options) {
        return split(options, DEFAULT_BUNDLE_SIZE);
    }

    /**
     * The messages for {@code options}. An option that cannot fit even alone in a continued message,
     * or that could not be pushed at all (empty, has a comma, starts with a blank), is refused with
     * {@link IllegalArgumentException}: server configuration, not network input.
     */
    public static List<PushReply> split(List<String> options, int bundleSize) {
        int whole = PREFIX_BYTES + 1; // the NUL
        for (String option : options) {
            whole += 1 + utf8Length(option);
        }
        if (whole <= bundleSize) {
            return List.of(new PushReply(options, Continuation.NONE));
        }
        List<PushReply> parts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = PREFIX_BYTES;
        for (String option : options) {
            int add = 1 + utf8Length(option);
            if (PREFIX_BYTES + add + CONTINUATION_BYTES + 1 > bundleSize) {
                throw new IllegalArgumentException("a pushed option of " + (add - 1)
                        + " bytes does not fit a " + bundleSize + "-byte push bundle");
            }
            if (length + add + CONTINUATION_BYTES + 1 > bundleSize) {
                parts.add(new PushReply(current, Continuation.MORE));
                current = new ArrayList<>();
                length = PREFIX_BYTES;
            }
            current.add(option);
            length += add;
        }
        parts.add(new PushReply(current, Continuation.LAST));
        return List.copyOf(parts);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
