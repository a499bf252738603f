package dev.corridor.protocol.data;

import static dev.corridor.protocol.data.DataChannelFixtures.KEY2;
import static dev.corridor.protocol.data.DataChannelFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.protocol.Role;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.OptionalInt;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Known-answer tests: packets whose every byte was derived outside the code under test.
 *
 * <p>Two kinds of vectors:
 * <ul>
 * <li>Literal hex produced with Python's {@code cryptography} package (OpenSSL 3) by following
 *     protocol.md §4.6 and §5.2/§5.4 by hand, so neither the JCE nor this code produced them. The
 *     generating script is reproduced in the comment of each vector's inputs.</li>
 * <li>Vectors computed in the test with plain JCE calls from the layout rules, for every cipher.</li>
 * </ul>
 *
 * <p>All vectors use key2 = 00 01 02 .. ff. Then (§4.6):
 * <pre>
 *  key[0] client→server: cipher = 00 01 .. 3f   hmac/implicit IV = 40 41 .. 7f
 *  key[1] server→client: cipher = 80 81 .. bf   hmac/implicit IV = c0 c1 .. ff
 * </pre>
 * and the payload is a 28-byte IPv4 ICMP echo request
 * {@code 45000020 00004000 40010000 c0a80001 c0a80002 0800f7ff 00000000}.
 */
class KnownAnswerTest {

    private static final byte[] PAYLOAD = hex("450000200000400040010000c0a80001c0a800020800f7ff00000000");

    /**
     * Hand-derived OpenVPN layout, AES-256-GCM, client→server, key id 0, pushed peer-id 1, first packet:
     * <pre>
     *  header    48 00 00 01             0x48 = P_DATA_V2 (9) << 3 | key id 0, then peer id 000001
     *  packet id 00 00 00 01             the first packet id is 1
     *  key       00 01 .. 1f             key[0].cipher, first 32 bytes
     *  IV        00000001 4041424344454647   packet id ‖ first 8 bytes of key[0].hmac
     *  AD        48000001 00000001       DATA_V2: the 4 header bytes ‖ packet id
     *  wire      header ‖ packet id ‖ tag(16) ‖ ciphertext(28)
     *
     *  python3: AESGCM(key2[0:32]).encrypt(pid + key2[64:72], payload, hdr + pid) → ct ‖ tag,
     *           then hdr + pid + tag + ct
     * </pre>
     */
    private static final byte[] AES_256_GCM_V2_CLIENT = hex(
            "48000001 00000001 5448a0838c8c4506431b7943d48afe72"
            + "8ecb7b9d6bb6e6c955bf5477b49e082233c539a3f8c965b2f34ce7b9");

    /**
     * AES-128-GCM, client→server, key id 1, no peer id, first packet. Header 31 = P_DATA_V1 (6) << 3 | 1;
     * key = 00..0f; IV = 00000001 ‖ 40..47; AD = 00000001 only (the V1 opcode is not authenticated).
     */
    private static final byte[] AES_128_GCM_V1_CLIENT = hex(
            "31 00000001 70e3c67da368f6eac1d5500080863b23"
            + "9703fcc7dcd37a90c2dc29add81f7aac04bf4a08ccce517a604e38af");

    /**
     * CHACHA20-POLY1305, server→client (so key[1]), key id 2, peer id abcdef, first packet.
     * Header 4a abcdef; key = 80..9f; IV = 00000001 ‖ c0..c7; AD = 4aabcdef 00000001.
     */
    private static final byte[] CHACHA20_V2_SERVER = hex(
            "4aabcdef 00000001 0f7819f37dd071056859acfb63165d67"
            + "b977316ac709a7da87400007ee652277cabfc064396ea141b17f070c");

    /**
     * AES-256-CBC / SHA256, server→client, key id 0, DATA_V1, packet id 1, IV a0..af (as a peer
     * would pick at random). ct = AES-256-CBC(key 80..9f, IV, 00000001 ‖ payload, PKCS#7);
     * HMAC = HMAC-SHA256(key c0..df, IV ‖ ct); wire = 30 ‖ HMAC ‖ IV ‖ ct.
     */
    private static final byte[] AES_256_CBC_SHA256_V1_SERVER = hex(
            "30 3358304fdbf3477d8b8e7a8a0aed9074e92a97687925a369bf17429a31395e06"
            + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
            + "5bad4872c1762880bfe4620d1fd00672634a30b7bb660edeb89d6a72d2833657"
            + "aa7aed6e0889077e73363465bf94ad68");

    /**
     * AES-128-CBC / SHA1, client→server, key id 3, peer id 7 (DATA_V2; the header is not in the
     * HMAC), packet id 5, IV 0f 0e .. 00, empty payload: one block of 00000005 ‖ 0c × 12.
     */
    private static final byte[] AES_128_CBC_SHA1_V2_CLIENT_EMPTY = hex(
            "4b000007 ce96bd3f0c18adf6fc44b41e1c0ebdd38b2baac6"
            + "0f0e0d0c0b0a09080706050403020100 53a89f99012237d5f9371cf0ad3a0f7d");

    private static DataChannelSealer sealer(DataCipher cipher, Role role, int keyId, OptionalInt peerId) {
        return DataChannelSealer.create(cipher, DataKeys.fromKey2(KEY2, role).outgoing(), keyId, peerId,
                CompressionFraming.NONE, new SecureRandom());
    }

    private static DataChannelOpener opener(DataCipher cipher, Role role, int keyId) {
        return DataChannelOpener.create(cipher, DataKeys.fromKey2(KEY2, role).incoming(), keyId,
                CompressionFraming.NONE, ReplayWindow.withDefaults(), new DropCounters());
    }

    private static byte[] seal(DataChannelSealer sealer, byte[] payload) {
        byte[] packet = new byte[sealer.requiredCapacity(payload.length) + 7];
        SealResult.Sealed sealed = (SealResult.Sealed) sealer.seal(payload, 0, payload.length, packet, 7);
        assertThat(sealed.offset()).isEqualTo(7);
        return Arrays.copyOfRange(packet, 7, 7 + sealed.length());
    }

    private static byte[] open(DataChannelOpener opener, byte[] packet) {
        byte[] out = new byte[opener.requiredOutputCapacity(packet.length)];
        OpenResult result = opener.open(packet, 0, packet.length, out, 0, 0);
        assertThat(result).isInstanceOf(OpenResult.Payload.class);
        OpenResult.Payload payload = (OpenResult.Payload) result;
        assertThat(payload.kind()).isEqualTo(PayloadKind.IP_PACKET);
        return Arrays.copyOfRange(out, payload.offset(), payload.offset() + payload.length());
    }

    @Test
    void aes256GcmDataV2MatchesTheHandDerivedOpenVpnPacket() {
        assertThat(seal(sealer(AeadCipher.AES_256_GCM, Role.CLIENT, 0, OptionalInt.of(1)), PAYLOAD))
                .isEqualTo(AES_256_GCM_V2_CLIENT);
        assertThat(open(opener(AeadCipher.AES_256_GCM, Role.SERVER, 0), AES_256_GCM_V2_CLIENT)).isEqualTo(PAYLOAD);
    }

    @Test
    void aes128GcmDataV1MatchesTheExternalVector() {
        assertThat(seal(sealer(AeadCipher.AES_128_GCM, Role.CLIENT, 1, OptionalInt.empty()), PAYLOAD))
                .isEqualTo(AES_128_GCM_V1_CLIENT);
        assertThat(open(opener(AeadCipher.AES_128_GCM, Role.SERVER, 1), AES_128_GCM_V1_CLIENT)).isEqualTo(PAYLOAD);
    }

    @Test
    void chaCha20DataV2FromTheServerMatchesTheExternalVector() {
        assertThat(seal(sealer(AeadCipher.CHACHA20_POLY1305, Role.SERVER, 2, OptionalInt.of(0xABCDEF)), PAYLOAD))
                .isEqualTo(CHACHA20_V2_SERVER);
        assertThat(open(opener(AeadCipher.CHACHA20_POLY1305, Role.CLIENT, 2), CHACHA20_V2_SERVER)).isEqualTo(PAYLOAD);
    }

    @Test
    void clientOpensAnExternallyBuiltCbcPacket() {
        DataChannelOpener opener = opener(new CbcHmacCipher(256, HmacDigest.SHA256), Role.CLIENT, 0);
        assertThat(open(opener, AES_256_CBC_SHA256_V1_SERVER)).isEqualTo(PAYLOAD);
    }

    @Test
    void serverOpensAnExternallyBuiltEmptyCbcPacket() {
        DataChannelOpener opener = opener(new CbcHmacCipher(128, HmacDigest.SHA1), Role.SERVER, 3);
        byte[] out = new byte[opener.requiredOutputCapacity(AES_128_CBC_SHA1_V2_CLIENT_EMPTY.length)];
        OpenResult result = opener.open(AES_128_CBC_SHA1_V2_CLIENT_EMPTY, 0, AES_128_CBC_SHA1_V2_CLIENT_EMPTY.length, out, 0, 0);
        assertThat(result).isInstanceOfSatisfying(OpenResult.Payload.class, payload -> {
            assertThat(payload.length()).isZero();
            assertThat(payload.packetId()).isEqualTo(5);
            assertThat(payload.kind()).isEqualTo(PayloadKind.EMPTY);
        });
    }

    /** For every AEAD cipher and both headers: the packet equals one built with plain JCE calls. */
    @ParameterizedTest
    @EnumSource(AeadCipher.class)
    void aeadPacketsEqualPlainJceConstruction(AeadCipher cipher) throws Exception {
        for (OptionalInt peerId : new OptionalInt[] {OptionalInt.empty(), OptionalInt.of(0x123456)}) {
            DataChannelSealer sealer = sealer(cipher, Role.CLIENT, 5, peerId);
            seal(sealer, new byte[] {1, 2, 3}); // packet id 1
            byte[] actual = seal(sealer, PAYLOAD); // packet id 2

            byte[] header = peerId.isPresent() ? hex("4d123456") : hex("35");
            byte[] packetId = hex("00000002");
            byte[] key = Arrays.copyOfRange(KEY2, 0, cipher == AeadCipher.AES_128_GCM ? 16 : 32);
            byte[] iv = concat(packetId, Arrays.copyOfRange(KEY2, 64, 72));
            byte[] ad = peerId.isPresent() ? concat(header, packetId) : packetId;
            Cipher jce = cipher == AeadCipher.CHACHA20_POLY1305
                    ? initialised("ChaCha20-Poly1305", new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(iv))
                    : initialised("AES/GCM/NoPadding", new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            jce.updateAAD(ad);
            byte[] ciphertextAndTag = jce.doFinal(PAYLOAD);
            byte[] ciphertext = Arrays.copyOf(ciphertextAndTag, PAYLOAD.length);
            byte[] tag = Arrays.copyOfRange(ciphertextAndTag, PAYLOAD.length, PAYLOAD.length + 16);

            assertThat(actual).isEqualTo(concat(header, packetId, tag, ciphertext));
        }
    }

    /**
     * For every CBC cipher: a sealed packet decrypts with plain JCE (IV read from the wire, PKCS#5
     * padding) and its HMAC equals plain {@link Mac} over IV ‖ ciphertext, and a packet built with
     * plain JCE and a random IV opens.
     */
    @Test
    void cbcPacketsAgreeWithPlainJce() throws Exception {
        for (int bits : new int[] {128, 256}) {
            for (HmacDigest digest : HmacDigest.values()) {
                CbcHmacCipher cipher = new CbcHmacCipher(bits, digest);
                byte[] cipherKey = Arrays.copyOfRange(KEY2, 0, bits / 8);
                byte[] hmacKey = Arrays.copyOfRange(KEY2, 64, 64 + digest.length());
                String macName = "Hmac" + digest.openVpnName();

                byte[] packet = seal(sealer(cipher, Role.CLIENT, 0, OptionalInt.empty()), PAYLOAD);
                int h = digest.length();
                assertThat(packet[0]).isEqualTo((byte) 0x30);
                byte[] wireHmac = Arrays.copyOfRange(packet, 1, 1 + h);
                byte[] iv = Arrays.copyOfRange(packet, 1 + h, 1 + h + 16);
                byte[] ciphertext = Arrays.copyOfRange(packet, 1 + h + 16, packet.length);
                Mac mac = Mac.getInstance(macName);
                mac.init(new SecretKeySpec(hmacKey, macName));
                assertThat(mac.doFinal(concat(iv, ciphertext))).as("%s HMAC", cipher).isEqualTo(wireHmac);
                byte[] plaintext = initialised("AES/CBC/PKCS5Padding", Cipher.DECRYPT_MODE, new SecretKeySpec(cipherKey, "AES"),
                        new IvParameterSpec(iv)).doFinal(ciphertext);
                assertThat(plaintext).as("%s plaintext", cipher).isEqualTo(concat(hex("00000001"), PAYLOAD));

                byte[] randomIv = new byte[16];
                new SecureRandom().nextBytes(randomIv);
                byte[] built = initialised("AES/CBC/PKCS5Padding", Cipher.ENCRYPT_MODE, new SecretKeySpec(cipherKey, "AES"),
                        new IvParameterSpec(randomIv)).doFinal(concat(hex("00000009"), PAYLOAD));
                byte[] builtHmac = mac.doFinal(concat(randomIv, built));
                byte[] incoming = concat(hex("30"), builtHmac, randomIv, built);
                assertThat(open(opener(cipher, Role.SERVER, 0), incoming)).as("%s opens", cipher).isEqualTo(PAYLOAD);
            }
        }
    }

    @Test
    void successiveCbcIvsDiffer() {
        DataChannelSealer sealer = sealer(new CbcHmacCipher(256, HmacDigest.SHA256), Role.CLIENT, 0, OptionalInt.empty());
        byte[] first = seal(sealer, PAYLOAD);
        byte[] second = seal(sealer, PAYLOAD);
        int ivAt = 1 + 32;
        assertThat(Arrays.copyOfRange(first, ivAt, ivAt + 16)).isNotEqualTo(Arrays.copyOfRange(second, ivAt, ivAt + 16));
    }

    private static Cipher initialised(String transformation, SecretKeySpec key, java.security.spec.AlgorithmParameterSpec spec)
            throws Exception {
        return initialised(transformation, Cipher.ENCRYPT_MODE, key, spec);
    }

    private static Cipher initialised(String transformation, int mode, SecretKeySpec key,
            java.security.spec.AlgorithmParameterSpec spec) throws Exception {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(mode, key, spec);
        return cipher;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer buffer = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
