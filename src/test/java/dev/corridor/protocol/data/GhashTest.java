package dev.corridor.protocol.data;

import static dev.corridor.protocol.data.DataChannelFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both GHASH implementations against the GCM specification's values and against each other, the
 * self-test that decides between them, and the fallback when the JDK's class is not opened.
 */
class GhashTest {

    @ParameterizedTest
    @EnumSource(GhashImplementation.class)
    void answersTheGcmSpecificationsGhashValues(GhashImplementation implementation) {
        // Test case 2: H = AES_0(0), no A, one block of C.
        Ghash ghash = implementation.create(hex("66e94bd4ef8a2c3b884cfa59ca342b2e"));
        byte[] c = hex("0388dace60b6a392f328c2b971b2fe78");
        ghash.update(c, 0, c.length);
        ghash.updateLengths(0, c.length);
        assertThat(String.format("%016x%016x", ghash.hi(), ghash.lo())).isEqualTo("f38cbb1ad69223dcc3457ae5b6b0f885");
        // Test case 4 (partial blocks in A and C), which is also the self-test.
        assertThat(GhashImplementation.selfTestFailure(implementation::create, GhashImplementation.SELF_TEST_GHASH))
                .isEmpty();
    }

    @Test
    void theJdkIntrinsicIsChosenWhenTheModuleIsOpenedAsTheBuildDoes() {
        // surefire passes --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED, as the jar's manifest does
        assertThat(JdkGhash.unavailableReason()).isEmpty();
        assertThat(GhashImplementation.CHOSEN).isEqualTo(GhashImplementation.JDK_INTRINSIC);
        assertThat(GhashImplementation.describeChoice()).isEqualTo("the JDK's GHASH intrinsic");
    }

    @Test
    void bothImplementationsAgreeOnRandomMessagesOfEveryLengthAndOffset() {
        Random random = new Random(17);
        byte[] subkey = new byte[16];
        for (int trial = 0; trial < 300; trial++) {
            random.nextBytes(subkey);
            Ghash jdk = GhashImplementation.JDK_INTRINSIC.create(subkey);
            Ghash table = GhashImplementation.PLAIN_JAVA.create(subkey);
            int aadLength = random.nextInt(40);
            int length = random.nextInt(1600);
            byte[] buffer = new byte[aadLength + length + 7];
            random.nextBytes(buffer);
            int offset = random.nextInt(7);
            for (Ghash ghash : List.of(jdk, table)) {
                ghash.reset();
                ghash.update(buffer, offset, aadLength);
                ghash.update(buffer, offset + aadLength, length);
                ghash.updateLengths(aadLength, length);
            }
            assertThat(new long[] {jdk.hi(), jdk.lo()}).as("aad %d, length %d", aadLength, length)
                    .containsExactly(table.hi(), table.lo());
        }
    }

    @Test
    void theSelfTestRejectsAWrongAnswerAndAnImplementationThatFails() {
        assertThat(GhashImplementation.selfTestFailure(GhashImplementation.JDK_INTRINSIC::create,
                "00000000000000000000000000000000")).hasValueSatisfying(reason -> assertThat(reason)
                        .contains("instead of 00000000000000000000000000000000"));
        assertThat(GhashImplementation.selfTestFailure(subkey -> {
            throw new IllegalStateException("broken");
        }, GhashImplementation.SELF_TEST_GHASH)).hasValueSatisfying(reason -> assertThat(reason).contains("broken"));
    }

    @Test
    void aesGcmGivesTheSameBytesWithEitherGhash() {
        byte[] key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        byte[] nonce = hex("cafebabefacedbaddecaf888");
        byte[] aad = new byte[8];
        byte[] plain = new byte[1400];
        new Random(3).nextBytes(plain);
        byte[][] outputs = new byte[2][];
        for (GhashImplementation implementation : GhashImplementation.values()) {
            byte[] out = new byte[plain.length + 16];
            new AesGcm(key, implementation).seal(nonce, aad, 0, aad.length, plain, 0, plain.length, out, 16, out, 0);
            outputs[implementation.ordinal()] = out;
        }
        assertThat(outputs[0]).isEqualTo(outputs[1]);
    }

    @Test
    void theLogLineNamesTheImplementationAndTheGhashChoice() {
        // surefire opens the module, so AES-GCM runs on Corridor's primitive with the intrinsic
        assertThat(CipherEngines.AeadEngine.preferred(AeadCipher.AES_256_GCM)).isEqualTo(CipherEngines.AeadEngine.DIRECT);
        assertThat(CipherEngines.AeadEngine.preferred(AeadCipher.AES_128_GCM)).isEqualTo(CipherEngines.AeadEngine.DIRECT);
        assertThat(AeadCipher.AES_256_GCM.implementation()).isEqualTo(
                "Corridor's AES-GCM with the JDK's GHASH intrinsic, allocation-free");
        assertThat(AeadCipher.CHACHA20_POLY1305.implementation()).contains("allocation-free");
    }

    @Test
    void wrongSubkeyLengthsAreRefused() {
        assertThatThrownBy(() -> new JdkGhash(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TableGhash(new byte[17])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutTheAddOpensAJvmFallsBackToPlainJavaAndSaysWhy() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                GhashChoicePrinter.class.getName()).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("PLAIN_JAVA: GHASH in plain Java (java.base/com.sun.crypto.provider is not"
                + " opened to Corridor (--add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED)); AES-GCM sealed;"
                + " AES-256-GCM uses SunJCE AES-GCM");
    }
}
