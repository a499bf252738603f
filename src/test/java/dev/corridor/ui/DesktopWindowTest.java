package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the window can be opened, and what {@code corridor} without arguments says when it cannot. */
class DesktopWindowTest {
    @Test
    void linuxWithoutDisplayOrWaylandHasNoDisplay() {
        assertThat(DesktopWindow.missingDisplay("Linux", Map.of(), "")).contains(
                "no display: DISPLAY and WAYLAND_DISPLAY are not set");
        assertThat(DesktopWindow.missingDisplay("Linux", Map.of("DISPLAY", " "), "gtk")).isPresent();
        assertThat(DesktopWindow.missingDisplay("Linux", Map.of("DISPLAY", ":0"), "")).isEmpty();
        assertThat(DesktopWindow.missingDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), "")).isEmpty();
        assertThat(DesktopWindow.missingDisplay("Linux", Map.of(), "Monocle")).as("headless Monocle").isEmpty();
        assertThat(DesktopWindow.missingDisplay("Windows 11", Map.of(), "")).isEmpty();
        assertThat(DesktopWindow.missingDisplay("Mac OS X", Map.of(), "")).isEmpty();
    }

    @Test
    void corridorWithoutArgumentsAndWithoutDisplayNamesTheCommandsInOneLine(@TempDir Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dcorridor.home=" + home, "dev.corridor.cli.Main");
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();

        assertThat(process.exitValue()).isEqualTo(DesktopWindow.EXIT_NO_WINDOW);
        assertThat(out).isEmpty();
        assertThat(err).hasSize(1);
        assertThat(err.get(0)).startsWith("corridor: cannot open the window, no display")
                .contains("corridor check PROFILE", "corridor connect PROFILE", "corridor --help")
                .doesNotContain("Exception");
    }
}
