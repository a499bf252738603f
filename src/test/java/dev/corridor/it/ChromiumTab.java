package dev.corridor.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One page of a headless Chromium, attached over the browser's DevTools connection in flattened
 * mode (commands carry the page's {@code sessionId}): navigate, run JavaScript, wait for a state.
 */
final class ChromiumTab {
    private final DevToolsConnection devTools;
    private final Optional<String> session;

    private ChromiumTab(DevToolsConnection devTools, String session) {
        this.devTools = devTools;
        this.session = Optional.of(session);
    }

    /** Creates a blank page and attaches to it. */
    static ChromiumTab open(DevToolsConnection devTools) throws Exception {
        String target = devTools.call(Optional.empty(), "Target.createTarget",
                DevToolsConnection.params().put("url", "about:blank")).path("targetId").asText();
        String session = devTools.call(Optional.empty(), "Target.attachToTarget",
                DevToolsConnection.params().put("targetId", target).put("flatten", true)).path("sessionId").asText();
        if (target.isEmpty() || session.isEmpty()) {
            throw new IOException("DevTools gave no page target or session");
        }
        return new ChromiumTab(devTools, session);
    }

    /** Starts loading {@code url}; throws when Chromium reports a navigation error at once. */
    void navigate(String url) throws Exception {
        JsonNode result = devTools.call(session, "Page.navigate", DevToolsConnection.params().put("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IOException("Chromium could not open " + url + ": " + result.get("errorText").asText());
        }
    }

    /** Runs {@code expression} in the page and returns its value as text ("" for null/undefined). */
    String evaluate(String expression) throws Exception {
        JsonNode result = devTools.call(session, "Runtime.evaluate", DevToolsConnection.params()
                .put("expression", expression).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("JavaScript failed: " + result.get("exceptionDetails").path("exception")
                    .path("description").asText(result.get("exceptionDetails").toString()));
        }
        JsonNode value = result.path("result").path("value");
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /**
     * Evaluates {@code expression} every 100 ms until {@code done} accepts its value; returns that
     * value, or throws with the last value seen (a page in the middle of loading counts as "").
     */
    String waitFor(String expression, Predicate<String> done, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            try {
                last = evaluate(expression);
            } catch (IOException e) {
                last = "(" + e.getMessage() + ")";
            }
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Chromium did not reach " + what + " within " + timeout.toSeconds()
                        + " s; the page showed: " + last);
            }
            Thread.sleep(100);
        }
    }
}
