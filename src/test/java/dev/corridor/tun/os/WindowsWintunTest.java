package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.corridor.tun.TunDevice;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Opening a Wintun adapter and session against {@link FakeWintun}. */
class WindowsWintunTest {
    private final FakeWintun wintun = new FakeWintun();

    @Test
    void createsTheAdapterWithAGuidFromItsNameAndStartsASession() throws Exception {
        TunDevice device = WindowsWintun.open(wintun, "", 1420, 200);

        assertThat(device.name()).isEqualTo("Corridor");
        assertThat(device.mtu()).isEqualTo(1420);
        assertThat(wintun.lifecycle).containsExactly("openAdapter Corridor", "createAdapter Corridor", "startSession");
        assertThat(wintun.createdType).isEqualTo("Corridor");
        try (Memory expected = Guid.of(Guid.forAdapter("Corridor"))) {
            assertThat(wintun.createdGuid).containsExactly(expected.getByteArray(0, 16));
        }
        assertThat(wintun.sessionCapacity).isEqualTo(0x400000);
        assertThat(Integer.bitCount(wintun.sessionCapacity)).as("a power of two").isEqualTo(1);
        device.close();
    }

    @Test
    void anExistingAdapterOfThatNameIsReused() throws Exception {
        wintun.existingAdapters.add("Work");
        try (TunDevice device = WindowsWintun.open(wintun, "Work", 1500, 200)) {
            assertThat(device.name()).isEqualTo("Work");
            assertThat(wintun.lifecycle).containsExactly("openAdapter Work", "startSession");
        }
    }

    @Test
    void withoutAdministratorRightsTheErrorSaysSo() {
        wintun.createError = WindowsWintun.ERROR_ACCESS_DENIED;
        assertThatThrownBy(() -> WindowsWintun.open(wintun, "", 1500, 200))
                .isInstanceOf(IOException.class)
                .hasMessage("WintunCreateAdapter Corridor: Windows error 5 (access denied) — run as Administrator");
    }

    @Test
    void aSessionThatCannotStartReleasesTheAdapter() {
        wintun.startSessionError = 183;
        assertThatThrownBy(() -> WindowsWintun.open(wintun, "", 1500, 200))
                .hasMessageContaining("WintunStartSession Corridor: Windows error 183");
        assertThat(wintun.lifecycle).endsWith("closeAdapter");
    }

    @Test
    void namesLongerThanWindowsAllowsAreRejected() {
        assertThatThrownBy(() -> WindowsWintun.open(wintun, "x".repeat(128), 1500, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wintun.lifecycle).isEmpty();
    }
}
