package dev.corridor.tun.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Picking the backend and checking the arguments before any native call. */
class OsTunDevicesTest {
    @Test
    void osNamesMapToTheirFamilies() {
        assertThat(OsFamily.of("Linux")).isEqualTo(OsFamily.LINUX);
        assertThat(OsFamily.of("Mac OS X")).isEqualTo(OsFamily.MACOS);
        assertThat(OsFamily.of("Windows 11")).isEqualTo(OsFamily.WINDOWS);
        assertThat(OsFamily.of("Windows Server 2022")).isEqualTo(OsFamily.WINDOWS);
        assertThat(OsFamily.of("FreeBSD")).isEqualTo(OsFamily.UNSUPPORTED);
        assertThat(OsFamily.of(null)).isEqualTo(OsFamily.UNSUPPORTED);
        assertThat(OsFamily.current()).isEqualTo(OsFamily.LINUX);
    }

    @Test
    void anUnsupportedOsIsACleanError() {
        assertThatThrownBy(() -> OsTunDevices.open(OsFamily.UNSUPPORTED, "", 1500))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("TUN devices are supported on Linux, macOS and Windows, not on ");
    }

    @Test
    void theMtuMustFitAnIpPacket() {
        assertThatThrownBy(() -> OsTunDevices.open("", 67))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("MTU 67 is outside 68..65535");
        assertThatThrownBy(() -> OsTunDevices.open("", 65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("MTU 65536 is outside 68..65535");
    }

    @Test
    void aBadNameIsRejectedBeforeTheDeviceIsOpened() {
        assertThatThrownBy(() -> OsTunDevices.open(OsFamily.LINUX, "a/b", 1500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not contain '/'");
        assertThatThrownBy(() -> OsTunDevices.open(OsFamily.MACOS, "tun0", 1500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("utunN");
    }
}
