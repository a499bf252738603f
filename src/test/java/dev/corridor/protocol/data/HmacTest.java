package dev.corridor.protocol.data;

import static dev.corridor.protocol.data.DataChannelFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Hmac} against RFC 2202 (HMAC-SHA-1) and RFC 4231 (HMAC-SHA-256/512) and against {@code javax.crypto.Mac}. */
class HmacTest {
    private static final String KEY_20 = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";
    private static final String HI_THERE = "4869205468657265";
    private static final String JEFE = "4a656665";
    private static final String WHAT_DO_YA = "7768617420646f2079612077616e7420666f72206e6f7468696e673f";
    private static final String LARGER_KEY_FIRST = "Test Using Larger Than Block-Size Key - Hash Key First";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // RFC 2202 §3, test cases 1, 2, 6 (80-byte key, longer than SHA-1's block)
        "SHA1, 1, " + KEY_20 + ", " + HI_THERE + ", b617318655057264e28bc0b6fb378c8ef146be00",
        "SHA1, 2, " + JEFE + ", " + WHAT_DO_YA + ", effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
        "SHA1, 6, aa*80, " + LARGER_KEY_FIRST + ", aa4ae5e15272d00e95705637ce8a3b55ed402112",
        // RFC 4231 §4, test cases 1, 2, 6 (131-byte key)
        "SHA256, 1, " + KEY_20 + ", " + HI_THERE + ", b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "SHA256, 2, " + JEFE + ", " + WHAT_DO_YA + ", 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "SHA256, 6, aa*131, " + LARGER_KEY_FIRST + ", 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "SHA512, 1, " + KEY_20 + ", " + HI_THERE + ", 87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        "SHA512, 2, " + JEFE + ", " + WHAT_DO_YA + ", 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        "SHA512, 6, aa*131, " + LARGER_KEY_FIRST + ", 80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
    })
    void matchesTheRfcVectors(HmacDigest digest, int testCase, String key, String message, String expected) {
        byte[] keyBytes = key.contains("*")
                ? repeated(key.substring(0, 2), Integer.parseInt(key.substring(3)))
                : hex(key);
        byte[] data = message.matches("[0-9a-f]+") ? hex(message) : message.getBytes(StandardCharsets.US_ASCII);
        Hmac hmac = new Hmac(digest, keyBytes);
        byte[] out = new byte[digest.length() + 3];
        for (int round = 0; round < 2; round++) { // the second proves nothing is left over from the first
            hmac.compute(data, 0, data.length, out, 3);
            assertThat(HexFormat.of().formatHex(out, 3, out.length)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(HmacDigest.class)
    void agreesWithTheJceMacOnRandomKeysMessagesAndOffsets(HmacDigest digest) throws Exception {
        Random random = new Random(digest.ordinal());
        for (int trial = 0; trial < 200; trial++) {
            byte[] key = new byte[random.nextInt(200)];
            random.nextBytes(key);
            byte[] buffer = new byte[random.nextInt(1600) + 8];
            random.nextBytes(buffer);
            int offset = random.nextInt(8);
            int length = random.nextInt(buffer.length - offset + 1);
            Mac mac = Mac.getInstance(digest.jceName());
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, digest.jceName()));
            if (key.length == 0) { // a JCE key cannot be empty; HMAC with K = 0x00 equals HMAC with K = empty
                key = new byte[1];
            }
            mac.update(buffer, offset, length);
            byte[] out = new byte[digest.length()];
            new Hmac(digest, key).compute(buffer, offset, length, out, 0);
            assertThat(out).as("key %d, length %d", key.length, length).isEqualTo(mac.doFinal());
        }
    }

    private static byte[] repeated(String hexByte, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) Integer.parseInt(hexByte, 16));
        return bytes;
    }
}
