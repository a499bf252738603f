package dev.corridor.auth.saml;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers the requests reaching the ACS listener: exactly one {@code POST /} carrying a
 * {@code SAMLResponse} form field completes the wait; everything else is refused and changes nothing.
 *
 * <pre>
 *   path != "/"                               ─► 404
 *   method != POST                            ─► 405 (Allow: POST)
 *   wait over (received/timeout/cancel), or
 *   another POST already taken                ─► 409
 *   body > limit (Content-Length or counted)  ─► 413
 *   Content-Type not x-www-form-urlencoded    ─► 415
 *   bad %-escape, no or empty SAMLResponse    ─► 400
 *   otherwise                                 ─► 200 "you can close this window"; the wait
 *                                                 completes once that page is written
 * </pre>
 */
final class AcsRequestHandler implements HttpHandler {
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final String DONE_PAGE = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            + "<title>Corridor sign-in</title></head><body><h1>Signed in</h1>"
            + "<p>Corridor has received your sign-in. You can close this window.</p></body></html>";

    private final CompletableFuture<AcsOutcome> result;
    private final int maxBodyBytes;
    private final AtomicBoolean claimed = new AtomicBoolean();

    AcsRequestHandler(CompletableFuture<AcsOutcome> result, int maxBodyBytes) {
        this.result = result;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        if (!exchange.getRequestPath().equals("/")) {
            reply(exchange, StatusCodes.NOT_FOUND, "Not found.");
            return;
        }
        if (!exchange.getRequestMethod().equals(Methods.POST)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, Methods.POST_STRING);
            reply(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Only POST is accepted here.");
            return;
        }
        if (result.isDone()) {
            reply(exchange, StatusCodes.CONFLICT, "This sign-in is no longer awaited.");
            return;
        }
        long declared = exchange.getRequestContentLength();
        if (declared > maxBodyBytes) {
            exchange.setPersistent(false);
            reply(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "The form is too large.");
            return;
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))
                .orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith(FORM_TYPE)) {
            exchange.setPersistent(false);
            reply(exchange, StatusCodes.UNSUPPORTED_MEDIA_TYPE, "Expected " + FORM_TYPE + ".");
            return;
        }
        exchange.startBlocking();
        byte[] body = readAtMost(exchange.getInputStream(), maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            exchange.setPersistent(false);
            reply(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "The form is too large.");
            return;
        }
        Map<String, String> form;
        try {
            form = FormBody.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            reply(exchange, StatusCodes.BAD_REQUEST, "Malformed form: " + malformed.getMessage());
            return;
        }
        String saml = form.getOrDefault("SAMLResponse", "");
        if (saml.isEmpty()) {
            reply(exchange, StatusCodes.BAD_REQUEST, "The form has no SAMLResponse field.");
            return;
        }
        SamlResponse response = new SamlResponse(saml, Optional.ofNullable(form.get("RelayState")));
        if (result.isDone() || !claimed.compareAndSet(false, true)) {
            reply(exchange, StatusCodes.CONFLICT, "This sign-in is no longer awaited.");
            return;
        }
        // Hand the response over only once the page is written: the owner closes the listener as soon
        // as it has the response, and the browser should still see the page.
        exchange.addExchangeCompleteListener((done, next) -> {
            try {
                next.proceed();
            } finally {
                result.complete(new AcsOutcome.Received(response));
            }
        });
        exchange.setPersistent(false);
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(DONE_PAGE, StandardCharsets.UTF_8);
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    private static void reply(HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(new HttpString("Cache-Control"), "no-store");
        exchange.getResponseSender().send(text + "\n", StandardCharsets.UTF_8);
    }
}
