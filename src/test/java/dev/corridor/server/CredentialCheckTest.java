package dev.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.server.users.UserDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which judgements are a mere look at the certificate, and what they decide. */
class CredentialCheckTest {
    private static final UserDirectory NOBODY = new UserDirectory(List.of(), false);

    @Test
    void onlyMutualAuthenticationWithoutADirectoryIsCertificateOnly() {
        CredentialCheck mutual = new CredentialCheck(true, Optional.empty(), Clock.systemUTC());
        assertThat(mutual.certificateOnly()).isTrue();
        assertThat(new CredentialCheck(true, Optional.of(NOBODY), Clock.systemUTC()).certificateOnly()).isFalse();
        assertThat(new CredentialCheck(false, Optional.of(NOBODY), Clock.systemUTC()).certificateOnly()).isFalse();

        assertThat(mutual.judge("", new char[0], Optional.of("carol")))
                .isEqualTo(new ClientVerdict.Admitted("carol", List.of()));
        assertThat(mutual.judge("", new char[0], Optional.empty())).isInstanceOf(ClientVerdict.Refused.class);
    }
}
