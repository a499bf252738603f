package dev.corridor.protocol.reliable;

import dev.corridor.protocol.wire.Opcode;
import java.util.Arrays;
import java.util.Objects;

/**
 * A control message delivered by the reliability layer, in message-id order: the opcode tells
 * resets from TLS data, the payload is the packet's bytes (copied in and out).
 *
 * @param opcode    the packet's opcode (CONTROL_V1, a reset, ...)
 * @param messageId its message id
 * @param payload   its payload (TLS ciphertext for CONTROL_V1)
 */
public record InboundMessage(Opcode opcode, long messageId, byte[] payload) {
    public InboundMessage {
        Objects.requireNonNull(opcode, "opcode");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InboundMessage that && opcode == that.opcode && messageId == that.messageId
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opcode, messageId, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "InboundMessage[" + opcode + " " + messageId + ", " + payload.length + " bytes]";
    }
}
