package dev.corridor.auth.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcsListenerTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private AcsListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private AcsListener start(Duration timeout) throws PortBusyException {
        listener = AcsListener.start(AcsSettings.defaults().withPort(0).withTimeout(timeout));
        return listener;
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(listener.url() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsOnePostKeepingPlusAndDecodingPercentEscapes() throws Exception {
        start(Duration.ofSeconds(10));
        HttpResponse<String> r = send("POST", "/", FORM, "SAMLResponse=PHNh+bWw%2Bab/c%3D%3D&RelayState=xyz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).contains("You can close this window");
        AcsOutcome outcome = listener.await();
        assertThat(outcome).isInstanceOf(AcsOutcome.Received.class);
        SamlResponse saml = ((AcsOutcome.Received) outcome).response();
        assertThat(saml.base64()).isEqualTo("PHNh+bWw+ab/c==");
        assertThat(saml.relayState()).contains("xyz");
        assertThat(saml.toString()).doesNotContain("PHNh");
    }

    @Test
    void secondPostAfterSuccessIsRefusedAndKeepsTheFirst() throws Exception {
        start(Duration.ofSeconds(10));
        assertThat(send("POST", "/", FORM, "SAMLResponse=first").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/", FORM, "SAMLResponse=second").statusCode()).isEqualTo(409);
        assertThat(((AcsOutcome.Received) listener.await()).response().base64()).isEqualTo("first");
    }

    @Test
    void otherMethodsAndPathsAreRefusedAndChangeNothing() throws Exception {
        start(Duration.ofSeconds(10));
        HttpResponse<String> get = send("GET", "/", null, null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(send("PUT", "/", FORM, "SAMLResponse=x").statusCode()).isEqualTo(405);
        assertThat(send("POST", "/acs", FORM, "SAMLResponse=x").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/favicon.ico", null, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/", "text/plain", "SAMLResponse=x").statusCode()).isEqualTo(415);
        assertThat(send("POST", "/", FORM, "RelayState=only").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/", FORM, "SAMLResponse=").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/", FORM, "SAMLResponse=%zz").statusCode()).isEqualTo(400);
        // still waiting: the real POST is taken
        assertThat(send("POST", "/", FORM, "SAMLResponse=real").statusCode()).isEqualTo(200);
        assertThat(((AcsOutcome.Received) listener.await()).response().base64()).isEqualTo("real");
    }

    @Test
    void bodyUpToTheLimitIsTakenAndLargerIsRefused() throws Exception {
        start(Duration.ofSeconds(10));
        String prefix = "SAMLResponse=";
        String over = prefix + "A".repeat(AcsSettings.DEFAULT_MAX_BODY - prefix.length() + 1);
        assertThat(send("POST", "/", FORM, over).statusCode()).isEqualTo(413);
        String big = "B".repeat(3 * 128 * 1024); // a 128 KB response, base64'd and escaped, fits
        assertThat(send("POST", "/", FORM, prefix + big).statusCode()).isEqualTo(200);
        assertThat(((AcsOutcome.Received) listener.await()).response().base64()).hasSize(big.length());
    }

    @Test
    void timesOutAndThenRefusesLatePosts() throws Exception {
        start(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        AcsOutcome outcome = listener.await();
        assertThat(outcome).isEqualTo(new AcsOutcome.TimedOut(Duration.ofMillis(300)));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(250);
        assertThat(send("POST", "/", FORM, "SAMLResponse=late").statusCode()).isEqualTo(409);
    }

    @Test
    void cancelEndsTheWaitFromAnotherThread() throws Exception {
        start(Duration.ofMinutes(5));
        CompletableFuture<AcsOutcome> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return listener.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        listener.cancel();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(AcsOutcome.Cancelled.class);
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port = start(Duration.ofSeconds(5)).port();
        listener.close();
        listener = null;
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void busyPortGivesAwsMessageAndNamesThisProcess() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> AcsListener.start(AcsSettings.defaults().withPort(port)))
                    .isInstanceOf(PortBusyException.class)
                    .hasMessageStartingWith("The authentication flow could not be initiated. There are no available ports.")
                    .satisfies(e -> {
                        PortBusyException busy = (PortBusyException) e;
                        assertThat(busy.port()).isEqualTo(port);
                        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/net/tcp"))) {
                            assertThat(busy.holder()).hasValueSatisfying(h ->
                                    assertThat(h).startsWith("pid " + ProcessHandle.current().pid() + " ("));
                        }
                    });
        }
    }
}
