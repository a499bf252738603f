package dev.corridor.server.portal;

import dev.corridor.auth.saml.FormBody;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's HTTP plumbing on Undertow: security headers, HTML pages, redirects, file downloads
 * and bounded form bodies (answering 415/413/400 itself).
 */
final class PortalHttp {
    private PortalHttp() {}

    /** Headers every portal response carries. */
    static void securityHeaders(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        exchange.getResponseHeaders().put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        exchange.getResponseHeaders().put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        exchange.getResponseHeaders().put(HttpString.tryFromString("Content-Security-Policy"),
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    }

    /** Reads a form body of at most {@code limit} bytes; answers 413/415/400 itself and returns empty. */
    static Optional<Map<String, String>> form(HttpServerExchange exchange, int limit, boolean keepPlus)
            throws IOException {
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE)).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            html(exchange, StatusCodes.UNSUPPORTED_MEDIA_TYPE, PortalPages.badRequest("Expected a form."));
            return Optional.empty();
        }
        exchange.startBlocking();
        byte[] body = exchange.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            html(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, PortalPages.badRequest("The form is too large."));
            return Optional.empty();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            return Optional.of(keepPlus ? FormBody.parse(text) : browserForm(text));
        } catch (IllegalArgumentException e) {
            html(exchange, StatusCodes.BAD_REQUEST, PortalPages.badRequest("The form is malformed."));
            return Optional.empty();
        }
    }

    /** A browser's form: {@code +} is a space here (a SAMLResponse goes through {@link FormBody} instead). */
    static Map<String, String> browserForm(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            fields.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    static void send(HttpServerExchange exchange, Path file, String contentType) throws IOException {
        long size = Files.size(file);
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\""
                + file.getFileName() + "\"");
        exchange.setResponseContentLength(size);
        exchange.startBlocking();
        try (OutputStream out = exchange.getOutputStream()) {
            Files.copy(file, out);
        }
    }

    static void redirect(HttpServerExchange exchange, int status, String location) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.endExchange();
    }

    static void html(HttpServerExchange exchange, int status, String page) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send(page, StandardCharsets.UTF_8);
    }

}
