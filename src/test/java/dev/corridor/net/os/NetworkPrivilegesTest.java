package dev.corridor.net.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading CAP_NET_ADMIN out of /proc/self/status. */
class NetworkPrivilegesTest {
    @Test
    void capNetAdminIsBitTwelveOfCapEff() {
        assertThat(NetworkPrivileges.hasNetAdmin("Name:\tjava\nCapInh:\t0000000000000000\n"
                + "CapEff:\t000001ffffffffff\n")).isTrue();
        assertThat(NetworkPrivileges.hasNetAdmin("CapEff:\t0000000000001000\n")).isTrue();
        assertThat(NetworkPrivileges.hasNetAdmin("CapEff:\t0000000000000000\n")).isFalse();
        assertThat(NetworkPrivileges.hasNetAdmin("CapEff:\t0000000000002000\n")).isFalse();
        assertThat(NetworkPrivileges.hasNetAdmin("Name:\tjava\n")).isFalse();
    }
}
