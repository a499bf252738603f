package dev.corridor.protocol.tls.wrap;

import dev.corridor.protocol.wire.ControlPacket;
import dev.corridor.protocol.wire.Opcode;
import dev.corridor.protocol.wire.SessionId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Keys and packets shared by the wrap tests. */
final class WrapFixtures {
    /** Key bytes 00 01 02 ... ff, so every key half is easy to write down. */
    static final byte[] KEY_BYTES = counting();
    static final StaticKey KEY = StaticKey.of(KEY_BYTES);
    static final SessionId CLIENT_SID = SessionId.of(0x0102030405060708L);
    static final SessionId SERVER_SID = SessionId.of(0x1112131415161718L);
    /** 0x5f000000 = 2020-07-04T04:05:20Z, the time in the known-answer vectors. */
    static final long NOW = 0x5F00_0000L;

    /** CONTROL_V1 from the client: acks 7 and 8 for the server, message id 9, payload "hello". */
    static final ControlPacket CLIENT_CONTROL = ControlPacket.message(Opcode.CONTROL_V1, 0, CLIENT_SID,
            List.of(7L, 8L), Optional.of(SERVER_SID), 9, "hello".getBytes(StandardCharsets.US_ASCII));

    private WrapFixtures() {}

    private static byte[] counting() {
        byte[] key = new byte[256];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        return key;
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** The fixture key as an OpenVPN static key file, 16 bytes per line. */
    static String keyFileText() {
        StringBuilder text = new StringBuilder("#\n# 2048 bit OpenVPN static key\n#\n");
        text.append("-----BEGIN OpenVPN Static key V1-----\n");
        for (int line = 0; line < 16; line++) {
            text.append(HexFormat.of().formatHex(KEY_BYTES, line * 16, line * 16 + 16)).append('\n');
        }
        return text.append("-----END OpenVPN Static key V1-----\n").toString();
    }
}
