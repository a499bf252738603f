package dev.corridor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.profile.StaticChallenge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static-challenge password formats and the credentials file. */
class StaticChallengeAnswerTest {
    @TempDir
    Path folder;

    @Test
    void scrv1JoinsBase64OfPasswordAndAnswer() {
        // base64("hunter2") = aHVudGVyMg==, base64("123456") = MTIzNDU2
        char[] combined = StaticChallengeAnswer.combine("hunter2".toCharArray(), "123456".toCharArray(),
                StaticChallenge.Format.SCRV1);
        assertThat(new String(combined)).isEqualTo("SCRV1:aHVudGVyMg==:MTIzNDU2");
    }

    @Test
    void scrv1EncodesUtf8() {
        // base64(UTF-8 "pässwort") = cMOkc3N3b3J0
        char[] combined = StaticChallengeAnswer.combine("pässwort".toCharArray(), "1".toCharArray(),
                StaticChallenge.Format.SCRV1);
        assertThat(new String(combined)).isEqualTo("SCRV1:cMOkc3N3b3J0:MQ==");
    }

    @Test
    void concatAppendsTheAnswer() {
        assertThat(new String(StaticChallengeAnswer.combine("pw".toCharArray(), "42".toCharArray(),
                StaticChallenge.Format.CONCAT))).isEqualTo("pw42");
    }

    @Test
    void credentialsFileGivesUserPasswordAndCode() throws Exception {
        Path file = folder.resolve("creds");
        Files.writeString(file, "alice\ncorrect horse\n123456\n");
        FileCredentials source = FileCredentials.read(file);
        StaticChallenge mfa = new StaticChallenge("Enter MFA code ", false, StaticChallenge.Format.SCRV1);

        Credentials credentials = source.credentials("work", Optional.of(mfa), false).orElseThrow();
        assertThat(credentials.username()).isEqualTo("alice");
        assertThat(new String(credentials.password())).isEqualTo("correct horse");
        assertThat(new String(credentials.challengeAnswer().orElseThrow())).isEqualTo("123456");
        assertThat(credentials.toString()).doesNotContain("correct", "123456");
        assertThat(source.credentials("work", Optional.of(mfa), true)).as("no second answer from a file").isEmpty();
    }

    @Test
    void credentialsFileWithoutCodeCannotAnswerAChallenge() throws Exception {
        Path file = folder.resolve("creds");
        Files.writeString(file, "alice\npw\n");
        StaticChallenge mfa = new StaticChallenge("code", true, StaticChallenge.Format.SCRV1);
        assertThat(FileCredentials.read(file).credentials("work", Optional.of(mfa), false)).isEmpty();
    }

    @Test
    void aBrokenCredentialsFileIsRefusedWithoutQuotingIt() throws Exception {
        Path file = folder.resolve("creds");
        Files.writeString(file, "only-one-line");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> FileCredentials.read(file)))
                .hasMessageContaining("line 1").hasMessageNotContaining("only-one-line");
    }
}
