package dev.corridor.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Arbitrary bytes never make the endpoint.json reader throw anything but its refusal. */
class EndpointConfigProperties {

    @Property(tries = 500)
    void arbitraryBytesAreRefusedNotThrown(@ForAll byte[] bytes) {
        assertParsesOrRefuses(bytes);
    }

    @Property(tries = 500)
    void arbitraryTextIsRefusedNotThrown(@ForAll String text) {
        assertParsesOrRefuses(("{\"clientCidr\": \"" + text + "\", \"port\": " + text.length() + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void assertParsesOrRefuses(byte[] bytes) {
        try {
            EndpointConfigFile.parse("fuzz", bytes);
        } catch (InvalidConfigException e) {
            assertThat(e.problems()).isNotEmpty().allMatch(p -> p.path().startsWith("$"));
        }
    }
}
