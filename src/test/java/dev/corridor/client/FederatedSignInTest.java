package dev.corridor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.auth.saml.AcsSettings;
import dev.corridor.auth.saml.CommandBrowser;
import dev.corridor.auth.saml.Crv1Password;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FederatedSignInTest {
    private static final String URL = "https://idp.test/sso?SAMLRequest=abc&RelayState=r";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static SamlSignInOptions options(Duration timeout, Crv1Password.Encoding encoding) {
        return new SamlSignInOptions(AcsSettings.defaults().withPort(0).withTimeout(timeout),
                new CommandBrowser(List.of("true")), encoding);
    }

    private CompletableFuture<HttpResponse<String>> post(int port, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bindsBeforeTheFirstConnectionThenTurnsThePostIntoTheEncodedAnswer() throws Exception {
        try (FederatedSignIn signIn = new FederatedSignIn(options(Duration.ofSeconds(10),
                Crv1Password.Encoding.PERCENT))) {
            String acs = signIn.bind();
            assertThat(acs).matches("ACS::\\d+");
            int port = Integer.parseInt(acs.substring("ACS::".length()));
            assertThat(signIn.bind()).isEqualTo(acs); // bound once
            List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> posts = new CopyOnWriteArrayList<>();
            FederatedSignIn.Result result = signIn.await(URL, event -> {
                events.add(event);
                posts.add(post(port, "SAMLResponse=PD94+bWw%2Fx%3D"));
            });
            assertThat(result).isInstanceOf(FederatedSignIn.Result.Answered.class);
            assertThat(((FederatedSignIn.Result.Answered) result).encodedResponse()).isEqualTo("PD94%2BbWw%2Fx%3D");
            assertThat(result.toString()).doesNotContain("PD94");
            assertThat(events).containsExactly(new ConnectionEvent.BrowserSignIn(URL, true));
            assertThat(posts.get(0).get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            // the listener is closed after the answer: the port is free again
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void rawEncodingKeepsTheBase64() throws Exception {
        try (FederatedSignIn signIn = new FederatedSignIn(options(Duration.ofSeconds(10), Crv1Password.Encoding.RAW))) {
            int port = Integer.parseInt(signIn.bind().substring(5));
            FederatedSignIn.Result result = signIn.await(URL, event -> post(port, "SAMLResponse=a+b/c="));
            assertThat(((FederatedSignIn.Result.Answered) result).encodedResponse()).isEqualTo("a+b/c=");
        }
    }

    @Test
    void aBrowserThatCannotStartIsReportedSoTheUrlIsShown() throws Exception {
        SamlSignInOptions noBrowser = new SamlSignInOptions(AcsSettings.defaults().withPort(0)
                .withTimeout(Duration.ofMillis(200)), new CommandBrowser(List.of("/nonexistent/browser")),
                Crv1Password.Encoding.PERCENT);
        try (FederatedSignIn signIn = new FederatedSignIn(noBrowser)) {
            signIn.bind();
            List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
            FederatedSignIn.Result result = signIn.await(URL, events::add);
            assertThat(events).containsExactly(new ConnectionEvent.BrowserSignIn(URL, false));
            assertThat(result).isEqualTo(new FederatedSignIn.Result.TimedOut(Duration.ofMillis(200)));
        }
    }

    @Test
    void cancelEndsTheWait() throws Exception {
        try (FederatedSignIn signIn = new FederatedSignIn(options(Duration.ofMinutes(5),
                Crv1Password.Encoding.PERCENT))) {
            signIn.bind();
            CompletableFuture<FederatedSignIn.Result> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return signIn.await(URL, event -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            signIn.cancel();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(FederatedSignIn.Result.Cancelled.class);
        }
    }
}
