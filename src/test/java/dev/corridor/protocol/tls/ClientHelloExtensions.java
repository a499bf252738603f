package dev.corridor.protocol.tls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Lists the extension types of the ClientHello at the start of a client's first flight (test aid). */
final class ClientHelloExtensions {
    private ClientHelloExtensions() {}

    /**
     * <pre>
     * record: type(1)=22 version(2) length(2) | handshake: type(1)=1 length(3) | version(2) random(32)
     * session_id<1> cipher_suites<2> compression<1> extensions<2>: { type(2) length(2) data }*
     * </pre>
     */
    static List<Integer> of(byte[] flight) {
        ByteBuffer in = ByteBuffer.wrap(flight);
        in.position(5 + 4 + 2 + 32);
        skip(in, in.get() & 0xff); // session id
        skip(in, in.getShort() & 0xffff); // cipher suites
        skip(in, in.get() & 0xff); // compression methods
        int length = in.getShort() & 0xffff;
        int end = in.position() + length;
        List<Integer> types = new ArrayList<>();
        while (in.position() < end) {
            types.add(in.getShort() & 0xffff);
            skip(in, in.getShort() & 0xffff);
        }
        return types;
    }

    private static void skip(ByteBuffer in, int count) {
        in.position(in.position() + count);
    }
}
