package dev.corridor.protocol.message;

import dev.corridor.protocol.message.ControlMessage.PushReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins the parts of a multi-part PUSH_REPLY on the client, so that options are applied only once
 * the last part has arrived (protocol.md §6.2).
 *
 * <pre>
 *            part(MORE)                   part(LAST | NONE)
 *   EMPTY ─────────────> COLLECTING ─────────────────────────> Complete(all options) ─> EMPTY
 *     │                    │  too many parts / options
 *     │                    └──────────────────────────────────> TooLarge(reason)      ─> EMPTY
 *     └── part(LAST | NONE) ─> Complete(this part's options)
 * </pre>
 */
public final class PushReplyAssembler {
    /** Default most parts of one reply. */
    public static final int DEFAULT_MAX_PARTS = 64;
    /** Default most options in one reply. */
    public static final int DEFAULT_MAX_OPTIONS = 4096;

    private final int maxParts;
    private final int maxOptions;
    private final List<String> collected = new ArrayList<>();
    private int parts;

    /** An assembler with the default limits. */
    public PushReplyAssembler() {
        this(DEFAULT_MAX_PARTS, DEFAULT_MAX_OPTIONS);
    }

    /** An assembler that gives up beyond {@code maxParts} parts or {@code maxOptions} options. */
    public PushReplyAssembler(int maxParts, int maxOptions) {
        if (maxParts <= 0 || maxOptions <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxParts = maxParts;
        this.maxOptions = maxOptions;
    }

    /** What {@link #accept} reports. */
    public sealed interface Assembly permits Assembly.Incomplete, Assembly.Complete, Assembly.TooLarge {
        /** More parts are expected. */
        record Incomplete(int partsSoFar) implements Assembly {}

        /** The reply is whole; apply {@code options}. */
        record Complete(List<String> options) implements Assembly {
            public Complete {
                options = List.copyOf(options);
            }

            @Override
            public String toString() {
                return "Complete[options=" + options.stream().map(PushReply::redacted).toList() + "]";
            }
        }

        /** The reply exceeded the limits and was dropped. */
        record TooLarge(String reason) implements Assembly {}
    }

    /** Takes the next part. */
    public Assembly accept(PushReply part) {
        Objects.requireNonNull(part, "part");
        parts++;
        if (parts > maxParts || collected.size() + part.options().size() > maxOptions) {
            String reason = parts > maxParts ? "push reply in more than " + maxParts + " parts"
                    : "push reply with more than " + maxOptions + " options";
            reset();
            return new Assembly.TooLarge(reason);
        }
        collected.addAll(part.options());
        if (part.continuation() == PushReply.Continuation.MORE) {
            return new Assembly.Incomplete(parts);
        }
        Assembly.Complete complete = new Assembly.Complete(collected);
        reset();
        return complete;
    }

    /** Drops any parts collected so far (e.g. on a new connection). */
    public void reset() {
        collected.clear();
        parts = 0;
    }

    /** True while parts of an unfinished reply are held. */
    public boolean isCollecting() {
        return parts > 0;
    }
}
