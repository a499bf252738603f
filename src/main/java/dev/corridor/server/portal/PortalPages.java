package dev.corridor.server.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The portal's HTML pages: small, script-free, every inserted value escaped. Each method returns a
 * whole document.
 */
final class PortalPages {
    private PortalPages() {}

    static String index(String message) {
        return page("Client VPN self-service portal", "<h1>Client VPN self-service portal</h1>"
                + (message.isEmpty() ? "" : "<p role=\"alert\">" + html(message) + "</p>")
                + "<form method=\"get\" action=\"/endpoints\">"
                + "<label>Client VPN endpoint ID <input name=\"id\" placeholder=\"cvpn-endpoint-0123456abcd123456\""
                + " autocomplete=\"off\" required></label> <button type=\"submit\">Next</button></form>");
    }

    static String unknownEndpoint(String endpointId) {
        return page("Endpoint not found", "<h1>Endpoint not found</h1><p>There is no Client VPN endpoint "
                + "<code>" + html(endpointId) + "</code> with a self-service portal here. Check the endpoint ID"
                + " your administrator gave you.</p><p><a href=\"/\">Enter another endpoint ID</a></p>");
    }

    static String notFound() {
        return page("Not found", "<h1>Not found</h1><p><a href=\"/\">Self-service portal</a></p>");
    }

    static String methodNotAllowed() {
        return page("Method not allowed", "<h1>Method not allowed</h1>");
    }

    static String badRequest(String what) {
        return page("Bad request", "<h1>Bad request</h1><p>" + html(what) + "</p>");
    }

    static String directorySignIn(String endpointId, boolean asksForCode, String error) {
        return page("Sign in", "<h1>Sign in to " + html(endpointId) + "</h1>"
                + (error.isEmpty() ? "" : "<p role=\"alert\">Sign-in refused: " + html(error) + ".</p>")
                + "<form method=\"post\" action=\"" + endpointPath(endpointId) + "/sign-in\">"
                + "<label>Username <input name=\"username\" autocomplete=\"username\" required></label><br>"
                + "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\""
                + " required></label><br>"
                + (asksForCode ? "<label>MFA code (if you have an MFA device) <input name=\"code\""
                        + " inputmode=\"numeric\" autocomplete=\"one-time-code\"></label><br>" : "")
                + "<button type=\"submit\">Sign in</button></form>");
    }

    /** After the IdP's POST: a same-site step to the downloads, so the SameSite=Strict cookie is sent. */
    static String signedIn(String endpointId) {
        String target = endpointPath(endpointId);
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url="
                + target + "\"><title>Signed in</title></head><body><p>Signed in. <a href=\"" + target
                + "\">Continue to the downloads</a>.</p></body></html>";
    }

    static String refused(String endpointId, String reason) {
        return page("Sign-in refused", "<h1>Sign-in refused</h1><p>" + html(reason) + ".</p><p><a href=\""
                + endpointPath(endpointId) + "\">Sign in again</a></p>");
    }

    static String signInFirst(String endpointId) {
        return page("Sign in first", "<h1>Sign in first</h1><p>Downloads need a signed-in session, and yours is"
                + " missing or expired.</p><p><a href=\"" + endpointPath(endpointId) + "\">Sign in</a></p>");
    }

    static String downloads(String endpointId, String user, String profileName, List<String> installers) {
        StringBuilder body = new StringBuilder("<h1>Client VPN endpoint " + html(endpointId) + "</h1>"
                + "<p>Signed in as " + html(user) + ".</p><h2>Client configuration</h2><ul><li><a id=\"profile\""
                + " href=\"" + endpointPath(endpointId) + "/profile\" download>" + html(profileName)
                + "</a></li></ul><h2>Client software</h2>");
        if (installers.isEmpty()) {
            body.append("<p>No client installers are offered here.</p>");
        } else {
            body.append("<ul id=\"installers\">");
            for (String name : installers) {
                body.append("<li><a href=\"").append(endpointPath(endpointId)).append("/installers/")
                        .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append("\" download>")
                        .append(html(name)).append("</a></li>");
            }
            body.append("</ul>");
        }
        return page("Downloads", body.toString());
    }

    static String endpointPath(String endpointId) {
        return "/endpoints/" + URLEncoder.encode(endpointId, StandardCharsets.UTF_8);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head><body>"
                + body + "</body></html>";
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
