package dev.corridor.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client connect handler as a web service: a JDK HTTP server on 127.0.0.1 plays the handler. */
class HttpTransportTest {
    private static final String DENY = "{\"allow\": false, \"error-msg-on-denied-connection\": \"Not from there\","
            + " \"posture-compliance-statuses\": [\"unknown\"], \"schema-version\": \"v2\"}";

    /** What the test handler answers next. */
    private record Answer(int status, byte[] body, long delayMillis) {}

    private final AtomicReference<Answer> next = new AtomicReference<>();
    private final AtomicReference<String> seenMethod = new AtomicReference<>();
    private final AtomicReference<String> seenContentType = new AtomicReference<>();
    private final AtomicReference<byte[]> seenBody = new AtomicReference<>();
    private HttpServer server;
    private ExecutorService serverThreads;

    @BeforeEach
    void startHandler() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/connect", this::answer);
        server.start();
    }

    @AfterEach
    void stopHandler() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        seenMethod.set(exchange.getRequestMethod());
        seenContentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
        seenBody.set(exchange.getRequestBody().readAllBytes());
        Answer answer = next.get();
        try {
            Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        exchange.getResponseBody().write(answer.body());
        exchange.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/connect");
    }

    private ConnectOutcome call(Answer answer, Duration timeout) throws Exception {
        next.set(answer);
        try (ConnectAuthorizer authorizer = new ConnectAuthorizer(HttpTransport.of(url()), timeout, 2)) {
            return authorizer.authorize(ConnectMessagesTest.sampleRequest()).get(timeout.toSeconds() + 10,
                    TimeUnit.SECONDS);
        }
    }

    @Test
    void postsTheRequestJsonAndReadsTheAnswer() throws Exception {
        ConnectOutcome outcome = call(new Answer(200, DENY.getBytes(StandardCharsets.UTF_8), 0), Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo(new ConnectOutcome.Denied("Not from there", List.of("unknown")));
        assertThat(seenMethod.get()).isEqualTo("POST");
        assertThat(seenContentType.get()).isEqualTo("application/json");
        JsonNode request = new ObjectMapper().readTree(seenBody.get());
        assertThat(request.get("endpoint-id").textValue()).isEqualTo("cvpn-endpoint-0123456789abcdef0");
        assertThat(request.get("schema-version").textValue()).isEqualTo("v2");
    }

    @Test
    void aSlowServiceTimesOut() throws Exception {
        long started = System.nanoTime();
        ConnectOutcome outcome = call(new Answer(200, DENY.getBytes(StandardCharsets.UTF_8), 3_000),
                Duration.ofSeconds(1));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(outcome.failureReason()).contains(ConnectFailureReason.TIMED_OUT);
        assertThat(millis).isLessThan(2_500);
    }

    @Test
    void http429IsThrottlingAndOtherErrorsAreExecutionErrors() throws Exception {
        assertThat(call(new Answer(429, new byte[0], 0), Duration.ofSeconds(5)).failureReason())
                .contains(ConnectFailureReason.THROTTLED);
        assertThat(call(new Answer(500, "boom".getBytes(StandardCharsets.UTF_8), 0), Duration.ofSeconds(5)))
                .isEqualTo(new ConnectOutcome.Failed(ConnectFailureReason.OTHER_EXECUTION_ERROR,
                        url() + " answered HTTP 500"));
        assertThat(call(new Answer(302, new byte[0], 0), Duration.ofSeconds(5)).failureReason())
                .contains(ConnectFailureReason.OTHER_EXECUTION_ERROR);
    }

    @Test
    void garbageAndOversizedBodiesAreInvalidResponses() throws Exception {
        assertThat(call(new Answer(200, "<html>".getBytes(StandardCharsets.UTF_8), 0), Duration.ofSeconds(5))
                .failureReason()).contains(ConnectFailureReason.INVALID_RESPONSE);
        assertThat(call(new Answer(200, new byte[70_000], 0), Duration.ofSeconds(5)))
                .isEqualTo(new ConnectOutcome.Failed(ConnectFailureReason.INVALID_RESPONSE,
                        "the response is larger than 65536 bytes"));
    }

    @Test
    void aServiceThatIsNotListeningIsAServiceError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (ConnectAuthorizer authorizer = new ConnectAuthorizer(HttpTransport.of(URI.create("http://127.0.0.1:"
                + closedPort + "/connect")), Duration.ofSeconds(5), 1)) {
            ConnectOutcome outcome = authorizer.authorize(ConnectMessagesTest.sampleRequest()).get(10, TimeUnit.SECONDS);

            assertThat(outcome.failureReason()).contains(ConnectFailureReason.SERVICE_ERROR);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/connect", "http://handler.example.com/", "ftp://127.0.0.1/"})
    void refusesPlainHttpToAnotherMachine(String url) {
        assertThatThrownBy(() -> HttpTransport.of(URI.create(url))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be https, or http to a loopback address");
    }

    @Test
    void acceptsHttpsAndLoopbackHttp() {
        HttpTransport.of(URI.create("https://handler.example.com/connect")).close();
        HttpTransport.of(URI.create("http://localhost:1/connect")).close();
        HttpTransport.of(URI.create("http://[::1]:1/connect")).close();
    }
}
