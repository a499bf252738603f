package dev.corridor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux package end to end (root): {@code jpackage/build} makes the .deb from {@code target/},
 * its Depends carries libgtk-3-0, {@code dpkg -i} installs it, the installed launcher reports its
 * version and runs {@code corridor demo --no-window} (three endpoints on the trimmed runtime) that
 * the installed {@code corridor check} connects to, SIGTERM stops the demo and removes what it made,
 * the installed launcher opens the desktop window on a virtual X server (xvfb-run),
 * and {@code dpkg -r} leaves nothing under /opt/corridor nor the menu entry. The package is removed
 * even when a step fails (finally, and a shutdown hook for a killed test JVM).
 */
class LinuxPackageIT {
    private static final Path INSTALLED = Path.of("/opt/corridor");
    private static final Path LAUNCHER = INSTALLED.resolve("bin/corridor");

    @TempDir
    Path temp;

    /** A finished command: exit code and output (stdout and stderr together). */
    private record Ran(int exit, String output) {}

    @Test
    void theDebBuildsInstallsRunsTheDemoAndUninstallsCleanly() throws Exception {
        assertThat(isRoot()).as("LinuxPackageIT installs a package: run it as root (./run-tests does)").isTrue();
        assertThat(Path.of("target/corridor.jar")).as("mvn package runs before the integration tests").exists();
        assertThat(run(60, "dpkg-query", "-W", "-f=${Status}", "corridor").output())
                .as("a corridor package is installed already; this test does not replace it")
                .doesNotContain("ok installed");
        String version = version();
        Path deb = Path.of("target/jpackage/out/corridor_" + version + "-1_amd64.deb");

        long start = System.nanoTime();
        Ran build = run(900, "jpackage/build");
        System.out.printf("jpackage/build took %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(build.exit()).as(build.output()).isZero();
        assertThat(deb).exists();

        Ran info = run(60, "dpkg-deb", "-I", deb.toString());
        String depends = info.output().lines().filter(l -> l.strip().startsWith("Depends:")).findFirst().orElse("");
        assertThat(depends).as(info.output()).contains("libgtk-3-0").doesNotContain("openjdk");
        assertThat(info.output()).contains("Package: corridor", "Version: " + version + "-1");
        assertThat(run(60, "dpkg-deb", "-c", deb.toString()).output()).contains("./opt/corridor/bin/corridor");

        Thread uninstall = new Thread(LinuxPackageIT::removePackage, "corridor-package-cleanup");
        Runtime.getRuntime().addShutdownHook(uninstall);
        try {
            Ran install = run(300, "dpkg", "-i", deb.toString());
            assertThat(install.exit()).as(install.output()).isZero();
            assertThat(LAUNCHER).isExecutable();
            assertThat(Path.of("/usr/share/applications/corridor.desktop")).as("the menu entry").exists();
            assertThat(Files.readString(Path.of("/usr/share/applications/corridor.desktop")))
                    .contains("Exec=/opt/corridor/bin/corridor", "Icon=/opt/corridor/lib/corridor.png");

            Ran shown = run(60, LAUNCHER.toString(), "--version");
            assertThat(shown.exit()).as(shown.output()).isZero();
            assertThat(shown.output()).startsWith("Corridor " + version);

            runsTheDemoWithTheInstalledLauncher();
            opensTheWindowOnAnXServer();

            Ran removed = run(300, "dpkg", "-r", "corridor");
            assertThat(removed.exit()).as(removed.output()).isZero();
        } finally {
            removePackage();
            Runtime.getRuntime().removeShutdownHook(uninstall);
        }
        assertThat(INSTALLED).doesNotExist();
        assertThat(run(60, "dpkg-query", "-W", "-f=${Status}", "corridor").output()).doesNotContain("ok installed");
        assertThat(Path.of("/usr/share/applications/corridor.desktop")).doesNotExist();
    }

    /** demo --no-window, check with the demo's certificate profile, SIGTERM: all from /opt/corridor. */
    private void runsTheDemoWithTheInstalledLauncher() throws Exception {
        Path home = temp.resolve("home");
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "demo", "--no-window")
                .redirectErrorStream(true);
        builder.environment().put("CORRIDOR_HOME", home.toString());
        Process demo = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(reading stopped: " + e.getMessage() + ")");
            }
        }, "demo-output");
        reader.start();
        try {
            long deadline = System.currentTimeMillis() + 180_000;
            while (output.stream().noneMatch(l -> l.contains("The demo runs until Ctrl-C."))) {
                assertThat(demo.isAlive()).as("the demo ended early: " + output).isTrue();
                assertThat(System.currentTimeMillis()).as("the demo did not start: " + output).isLessThan(deadline);
                Thread.sleep(200);
            }
            ProcessBuilder checkBuilder = new ProcessBuilder(LAUNCHER.toString(), "check", "Demo – certificate",
                    "--json", "--count", "3", "--interval", "0.2", "--timeout", "60");
            checkBuilder.environment().put("CORRIDOR_HOME", home.toString());
            Ran check = run(checkBuilder, 120);
            assertThat(check.exit()).as(check.output() + output).isZero();
            JsonNode report = new ObjectMapper().readTree(check.output());
            assertThat(report.get("connected").asBoolean()).isTrue();
            assertThat(report.get("ping").get("received").asInt()).isPositive();

            // SIGTERM (through the handle: Process.destroy() would also close the output we read); the
            // demo's shutdown hook stops and removes everything.
            assertThat(demo.toHandle().destroy()).isTrue();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ends on SIGTERM").isTrue();
            reader.join(5_000);
            assertThat(output).as("the shutdown hook reports").anyMatch(l -> l.startsWith("Demo stopped"));
            assertThat(home.resolve("demo")).doesNotExist();
            assertThat(Files.readString(home.resolve("profiles/index.json"))).doesNotContain("corridor demo");
        } finally {
            if (demo.isAlive()) {
                demo.destroyForcibly();
                demo.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The installed launcher without arguments opens the desktop window (GTK on the package's trimmed
     * runtime) on a virtual X server; the window logs that it is open, then SIGTERM ends it and
     * xvfb-run takes its X server down.
     */
    private void opensTheWindowOnAnXServer() throws Exception {
        Path home = temp.resolve("window-home");
        Path log = home.resolve("logs/corridor.log");
        Path output = temp.resolve("window-output.txt");
        ProcessBuilder builder = new ProcessBuilder("xvfb-run", "--auto-servernum",
                "--server-args=-screen 0 1280x800x24 -nolisten tcp", LAUNCHER.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("CORRIDOR_HOME", home.toString());
        Process xvfbRun = builder.start();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (!(Files.exists(log) && Files.readString(log).contains("desktop window open"))) {
                assertThat(xvfbRun.isAlive()).as("the window ended early: " + Files.readString(output)).isTrue();
                assertThat(System.currentTimeMillis()).as("the window did not open: " + Files.readString(output))
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).doesNotContain("could not open");
        } finally {
            // The launcher is xvfb-run's child: ending it lets xvfb-run stop Xvfb and return.
            xvfbRun.toHandle().descendants().filter(p -> p.info().command().orElse("").startsWith("/opt/corridor"))
                    .forEach(ProcessHandle::destroy);
            if (!xvfbRun.waitFor(60, TimeUnit.SECONDS)) {
                xvfbRun.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                xvfbRun.destroyForcibly();
                xvfbRun.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(xvfbRun.toHandle().descendants().count()).as("Xvfb and the window are gone").isZero();
    }

    private static void removePackage() {
        try {
            // Any state but absent (installed, half-configured, config-files) is purged.
            Ran status = run(60, "dpkg-query", "-W", "-f=${Status}", "corridor");
            if (status.exit() == 0 && !status.output().contains("not-installed")) {
                Ran removed = run(300, "dpkg", "--purge", "corridor");
                if (removed.exit() != 0) {
                    System.err.println("dpkg --purge corridor failed: " + removed.output());
                }
            }
        } catch (IOException e) {
            System.err.println("cannot remove the corridor package: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String version() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("target/classes/dev/corridor/version.properties"))) {
            properties.load(in);
        }
        return properties.getProperty("version").replaceFirst("-.*", "");
    }

    private static boolean isRoot() throws Exception {
        return run(10, "id", "-u").output().strip().equals("0");
    }

    private static Ran run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command), timeoutSeconds);
    }

    /** Runs to the end (killed after {@code timeoutSeconds}), stdout and stderr together. */
    private static Ran run(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("corridor-packaging", ".log");
        try {
            Map<String, String> environment = builder.environment();
            environment.putIfAbsent("LC_ALL", "C.UTF-8");
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: "
                        + String.join(" ", builder.command()) + "\n" + Files.readString(log));
            }
            return new Ran(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
