package dev.corridor.protocol.keys;

import java.util.Objects;

/**
 * What {@link KeyMethod2Reader#feed} reports after each chunk: keep feeding, the message is complete
 * (with any bytes that followed it), or the bytes are not a key-method-2 message.
 */
public sealed interface KeyMethod2ReadResult
        permits KeyMethod2ReadResult.NeedMore, KeyMethod2ReadResult.Complete, KeyMethod2ReadResult.Malformed {

    /** The message is not complete yet; feed the next chunk of TLS plaintext. */
    record NeedMore() implements KeyMethod2ReadResult {}

    /**
     * The message is complete.
     *
     * @param message  the decoded message (holds secrets: wipe it when done)
     * @param framing  the framing the peer used
     * @param leftover bytes that followed the message in the fed chunks (the start of the control
     *                 messages); a defensive copy is kept
     */
    record Complete(KeyMethod2Message message, KeyMethod2Framing framing, byte[] leftover)
            implements KeyMethod2ReadResult {
        public Complete {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(framing, "framing");
            leftover = leftover.clone();
        }

        /** A copy of the bytes that followed the message. */
        @Override
        public byte[] leftover() {
            return leftover.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Complete that && message == that.message && framing == that.framing
                    && java.util.Arrays.equals(leftover, that.leftover);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(message) * 31 + framing.hashCode();
        }

        @Override
        public String toString() {
            return "Complete[" + message + ", framing=" + framing + ", leftover=" + leftover.length + " bytes]";
        }
    }

    /** The bytes are refused; {@code reason} is a short phrase for logs and counters. */
    record Malformed(String reason) implements KeyMethod2ReadResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
