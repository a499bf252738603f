package dev.corridor.protocol.data;

import dev.corridor.protocol.Role;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/** Shared keys, cipher lists and sealer/opener pairs for the data-channel tests. */
final class DataChannelFixtures {
    /** key2 = 00 01 02 .. ff: easy to follow by hand when deriving vectors. */
    static final byte[] KEY2 = counting(256);

    private DataChannelFixtures() {
    }

    static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Every cipher the data channel supports: three AEAD, AES-128/256-CBC with each digest. */
    static List<DataCipher> allCiphers() {
        List<DataCipher> ciphers = new ArrayList<>(List.of(AeadCipher.values()));
        for (int bits : new int[] {128, 256}) {
            for (HmacDigest digest : HmacDigest.values()) {
                ciphers.add(new CbcHmacCipher(bits, digest));
            }
        }
        return ciphers;
    }

    /** A client sealer and the matching server opener, over key2 = 00..ff. */
    static Pair pair(DataCipher cipher, int keyId, OptionalInt peerId, CompressionFraming framing) {
        DataKeys client = DataKeys.fromKey2(KEY2, Role.CLIENT);
        DataKeys server = DataKeys.fromKey2(KEY2, Role.SERVER);
        DataChannelSealer sealer = DataChannelSealer.create(cipher, client.outgoing(), keyId, peerId, framing, new SecureRandom());
        DataChannelOpener opener = DataChannelOpener.create(cipher, server.incoming(), keyId, framing,
                ReplayWindow.withDefaults(), new DropCounters());
        return new Pair(sealer, opener);
    }

    static Pair pair(DataCipher cipher, OptionalInt peerId) {
        return pair(cipher, 0, peerId, CompressionFraming.NONE);
    }

    /** A sealer and opener of the same direction and key. */
    record Pair(DataChannelSealer sealer, DataChannelOpener opener) {
        /** Seals the payload and answers exactly the packet bytes. */
        byte[] seal(byte[] payload) {
            byte[] packet = new byte[sealer.requiredCapacity(payload.length)];
            SealResult.Sealed sealed = (SealResult.Sealed) sealer.seal(payload, 0, payload.length, packet, 0);
            return java.util.Arrays.copyOfRange(packet, sealed.offset(), sealed.offset() + sealed.length());
        }

        OpenResult open(byte[] packet, long nowMillis) {
            byte[] out = new byte[Math.max(opener.requiredOutputCapacity(packet.length), 0)];
            return opener.open(packet, 0, packet.length, out, 0, nowMillis);
        }

        /** Opens and answers the payload bytes, failing the test on a drop. */
        byte[] openPayload(byte[] packet, long nowMillis) {
            byte[] out = new byte[Math.max(opener.requiredOutputCapacity(packet.length), 0)];
            OpenResult result = opener.open(packet, 0, packet.length, out, 0, nowMillis);
            if (!(result instanceof OpenResult.Payload payload)) {
                throw new AssertionError("expected a payload, got " + result);
            }
            return java.util.Arrays.copyOfRange(out, payload.offset(), payload.offset() + payload.length());
        }
    }
}
