package dev.corridor.server.handler;

import dev.corridor.server.config.LoopbackHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Calls the handler as a web service: the request JSON is POSTed to the URL with
 * {@link HttpClient}; a 2xx answer's body is the response JSON. Only https, or plain http to a
 * loopback address, is accepted; redirects are not followed.
 *
 * <pre>
 *   POST url  (Content-Type: application/json, body = request)
 *     2xx                      -> body (at most 64 KiB, else invalid response)
 *     429                      -> client-connect-handler-throttled
 *     any other status         -> client-connect-handler-other-execution-error
 *     no answer within timeout -> client-connect-handler-timed-out (the exchange is cancelled)
 *     cannot connect / I/O     -> client-connect-handler-service-error
 * </pre>
 */
public final class HttpTransport implements HandlerTransport {
    private static final int TOO_MANY_REQUESTS = 429;

    private final URI url;
    private final HttpClient client;

    private HttpTransport(URI url, HttpClient client) {
        this.url = url;
        this.client = client;
    }

    /**
     * A transport for {@code url}.
     *
     * @throws IllegalArgumentException when the URL is not https, nor http to a loopback address
     */
    public static HttpTransport of(URI url) {
        Objects.requireNonNull(url, "url");
        boolean https = "https".equals(url.getScheme()) && url.getHost() != null;
        boolean localHttp = "http".equals(url.getScheme()) && url.getHost() != null && LoopbackHost.is(url.getHost());
        if (!https && !localHttp) {
            throw new IllegalArgumentException("the client connect handler URL " + url + " must be https, or http"
                    + " to a loopback address");
        }
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return new HttpTransport(url, client);
    }

    /** The URL requests go to. */
    public URI url() {
        return url;
    }

    @Override
    public HandlerReply exchange(byte[] request, Duration timeout) throws InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build();
        CompletableFuture<HttpResponse<Optional<byte[]>>> call = client.sendAsync(post, info -> capped());
        HttpResponse<Optional<byte[]>> response;
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return timedOut(timeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return timedOut(timeout);
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return HandlerReply.NoAnswer.of(ConnectFailureReason.SERVICE_ERROR, "cannot reach " + url + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
        int status = response.statusCode();
        if (status == TOO_MANY_REQUESTS) {
            return HandlerReply.NoAnswer.of(ConnectFailureReason.THROTTLED, url + " answered HTTP 429");
        }
        if (status < 200 || status > 299) {
            return HandlerReply.NoAnswer.of(ConnectFailureReason.OTHER_EXECUTION_ERROR,
                    url + " answered HTTP " + status);
        }
        return response.body().<HandlerReply>map(HandlerReply.Body::new).orElseGet(() -> HandlerReply.NoAnswer.of(
                ConnectFailureReason.INVALID_RESPONSE, "the response is larger than " + MAX_ANSWER_BYTES + " bytes"));
    }

    private HandlerReply timedOut(Duration timeout) {
        return HandlerReply.NoAnswer.of(ConnectFailureReason.TIMED_OUT,
                url + " gave no answer within " + timeout.toMillis() + " ms");
    }

    /** A body subscriber that keeps at most {@link #MAX_ANSWER_BYTES}; empty when the body was larger. */
    private static HttpResponse.BodySubscriber<Optional<byte[]>> capped() {
        CappedSink sink = new CappedSink();
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArrayConsumer(sink),
                done -> sink.result());
    }

    /** Collects body chunks up to the limit and remembers whether more arrived. */
    private static final class CappedSink implements Consumer<Optional<byte[]>> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean overflow;

        @Override
        public void accept(Optional<byte[]> chunk) {
            chunk.ifPresent(data -> {
                if (bytes.size() + data.length > MAX_ANSWER_BYTES) {
                    overflow = true;
                } else if (!overflow) {
                    bytes.write(data, 0, data.length);
                }
            });
        }

        Optional<byte[]> result() {
            return overflow ? Optional.empty() : Optional.of(bytes.toByteArray());
        }
    }

    @Override
    public void close() {
        // nothing to release: HttpClient has no close() before Java 21, and its threads end when idle
    }
}
