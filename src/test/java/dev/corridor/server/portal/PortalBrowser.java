package dev.corridor.server.portal;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.Inflater;

/**
 * Plays a browser against the portal and the test IdP with the JDK's HTTP client: keeps cookies,
 * follows redirects (or not), posts forms, and picks hidden fields out of pages.
 */
final class PortalBrowser {
    final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    PortalBrowser(boolean followRedirects) {
        client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the hidden (or other) input {@code name} in {@code page}. */
    static String field(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in " + page);
        }
        return m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The action of the first form in {@code page}. */
    static String formAction(String page) {
        Matcher m = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no form in " + page);
        }
        return m.group(1);
    }

    /** The query fields of {@code url}, decoded. */
    static Map<String, String> query(String url) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** The XML of the AuthnRequest in an HTTP-Redirect URL. */
    static String authnRequest(String url) throws Exception {
        Inflater inflater = new Inflater(true);
        inflater.setInput(Base64.getDecoder().decode(query(url).get("SAMLRequest")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The value of attribute {@code name} in {@code xml}. */
    static String attribute(String xml, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(xml);
        if (!m.find()) {
            throw new AssertionError("no attribute " + name + " in " + xml);
        }
        return m.group(1);
    }
}
