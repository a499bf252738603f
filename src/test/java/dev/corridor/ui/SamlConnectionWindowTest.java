package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corridor.auth.saml.BrowserLauncher;
import dev.corridor.auth.saml.CommandBrowser;
import dev.corridor.client.ConnectionState;
import dev.corridor.server.AuthMode;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window against the bundled federated endpoint and its test IdP: a test browser (a curl
 * script: GET the IdP page, POST the login form, POST the SAMLResponse to the ACS listener) signs
 * in; the "Continue in your browser" wait with Cancel and "Open the page again"; the address shown
 * when no browser starts; the busy-port explanation. The ACS port is a free one, not 35001.
 */
@ExtendWith(ApplicationExtension.class)
class SamlConnectionWindowTest {
    /** Plays the browser: $1 user, $2 password, $3 the IdP URL (appended by the launcher); counts its runs. */
    static final String BROWSER_SCRIPT = """
            #!/bin/sh
            set -e
            user="$1"; pass="$2"; url="$3"
            echo run >> "$(dirname "$0")/browser-runs"
            base=$(printf %s "$url" | sed -E 's#^(https?://[^/]+).*#\\1#')
            page=$(curl -sS --fail "$url")
            login=$(printf %s "$page" | sed -n 's/.*name="login" value="\\([0-9a-f]*\\)".*/\\1/p')
            post=$(curl -sS --fail --data-urlencode "login=$login" --data-urlencode "username=$user" \\
                --data-urlencode "password=$pass" "$base/sso/login")
            action=$(printf %s "$post" | sed -n 's/.*<form method="post" action="\\([^"]*\\)".*/\\1/p')
            saml=$(printf %s "$post" | sed -n 's/.*name="SAMLResponse" value="\\([^"]*\\)".*/\\1/p')
            relay=$(printf %s "$post" | sed -n 's/.*name="RelayState" value="\\([^"]*\\)".*/\\1/p')
            curl -sS --fail --data-urlencode "SAMLResponse=$saml" --data-urlencode "RelayState=$relay" "$action" >/dev/null
            """;

    @TempDir
    static Path temp;
    private static WindowTestEndpoint endpoint;
    private Stage stage;
    private WindowDriver driver;

    @BeforeAll
    static void serve() throws Exception {
        endpoint = WindowTestEndpoint.start(temp, AuthMode.FEDERATED);
        Files.writeString(temp.resolve("browser.sh"), BROWSER_SCRIPT);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void closeWindow() {
        if (driver != null) {
            driver.close();
        }
    }

    private WindowDriver open(FxRobot robot, BrowserLauncher browser) throws Exception {
        driver = WindowDriver.open(robot, stage, endpoint.setup(browser, Locale.ENGLISH, Optional.empty()));
        return driver;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theTestBrowserSignsInAtTheIdpAndTheWindowConnects(FxRobot robot) throws Exception {
        assumeTrue(onPath("curl") && onPath("sh"), "needs curl and sh to play the browser");
        WindowDriver window = open(robot, CommandBrowser.parse("sh " + temp.resolve("browser.sh") + " carol "
                + endpoint.password("carol")));
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        window.window.addStateListener(states::add);
        window.select("carol");
        robot.clickOn("#connect");

        window.awaitState("Connected", 40);
        assertThat(states).contains(ConnectionState.WAITING_FOR_USER, ConnectionState.CONNECTED);
        assertThat(endpoint.serverLog).anyMatch(line -> line.startsWith("connect ") && line.contains("carol"));
        assertThat(WindowDriver.showing(robot.lookup("#sign-in-pane").query())).isFalse();
        window.awaitShowing("#banner-ok", 10);
        robot.clickOn("#banner-ok");
        robot.clickOn("#disconnect");
        window.awaitState("Disconnected", 10);
    }

    @Test
    void theBrowserWaitOffersToOpenThePageAgainAndCancelDisconnects(FxRobot robot) throws Exception {
        Path runs = temp.resolve("runs-" + System.nanoTime());
        Files.createDirectories(runs);
        // A "browser" that only notes that it ran: the sign-in never arrives.
        Files.writeString(runs.resolve("note.sh"), "#!/bin/sh\necho \"$1\" >> \"$(dirname \"$0\")/opened\"\n");
        WindowDriver window = open(robot, CommandBrowser.parse("sh " + runs.resolve("note.sh")));
        window.select("carol");
        robot.clickOn("#connect");

        window.awaitShowing("#sign-in-pane", 20);
        assertThat(window.state()).isEqualTo("Waiting for browser sign-in");
        assertThat(window.text("#sign-in-title")).isEqualTo("Continue in your browser");
        assertThat(window.text("#sign-in-message")).startsWith("A sign-in page has opened in your browser.");
        assertThat(WindowDriver.showing(robot.lookup("#sign-in-url").query())).isFalse();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lines(runs.resolve("opened")) == 1);

        robot.clickOn("#reopen-browser");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lines(runs.resolve("opened")) == 2);
        List<String> urls = Files.readAllLines(runs.resolve("opened"));
        assertThat(urls.get(1)).isEqualTo(urls.get(0)).contains("/sso?SAMLRequest=");

        robot.clickOn("#cancel-sign-in");
        window.awaitState("Disconnected", 10);
        assertThat(window.failure()).isEmpty();
        assertThat(WindowDriver.showing(robot.lookup("#sign-in-pane").query())).isFalse();
    }

    @Test
    void whenNoBrowserStartsTheAddressIsShownToCopy(FxRobot robot) throws Exception {
        WindowDriver window = open(robot, CommandBrowser.parse(temp.resolve("no-such-browser").toString()));
        window.select("carol");
        robot.clickOn("#connect");

        window.awaitShowing("#sign-in-url", 20);
        assertThat(window.text("#sign-in-message")).startsWith("No browser could be started.");
        TextField address = robot.lookup("#sign-in-url").queryAs(TextField.class);
        assertThat(address.getText()).startsWith("http://127.0.0.1:").contains("/sso?SAMLRequest=");
        assertThat(address.isEditable()).isFalse();
        robot.interact(address::selectAll);
        assertThat(address.getSelectedText()).isEqualTo(address.getText());
        robot.clickOn("#cancel-sign-in");
        window.awaitState("Disconnected", 10);
    }

    @Test
    void aBusyAcsPortIsExplainedWithThePortAndItsHolder(FxRobot robot) throws Exception {
        WindowSetup setup = endpoint.setup(CommandBrowser.parse("true"), Locale.ENGLISH, Optional.empty());
        int port = setup.saml().acs().port();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            driver = WindowDriver.open(robot, stage, setup);
            driver.select("carol");
            robot.clickOn("#connect");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> driver.failure().contains("port"));
            assertThat(driver.failure()).startsWith("The browser sign-in could not start: port " + port
                    + " on this computer is in use").doesNotContain("\n");
            // The holder is this test's JVM when /proc tells (Linux); otherwise the sentence says it is unknown.
            assertThat(driver.failure()).containsAnyOf("java", "could not be determined");
            assertThat(driver.state()).isEqualTo("Disconnected");
        }
    }

    private static long lines(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
