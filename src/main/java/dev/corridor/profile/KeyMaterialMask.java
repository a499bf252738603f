package dev.corridor.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Hides private keys and static keys in profile text that is about to be shown on screen. */
public final class KeyMaterialMask {
    private static final Set<String> SECRET_BLOCKS = Set.of("key", "tls-auth", "tls-crypt", "tls-crypt-v2", "secret",
            "pkcs12", "auth-user-pass");

    private KeyMaterialMask() {}

    /** {@code text} with the content of every secret block replaced by one explanatory line. */
    public static String mask(String text, String placeholder) {
        List<String> out = new ArrayList<>();
        String closing = null;
        for (String line : ProfileText.splitLines(text)) {
            String trimmed = line.strip().toLowerCase(Locale.ROOT);
            if (closing != null) {
                if (trimmed.startsWith(closing)) {
                    out.add(line);
                    closing = null;
                }
                continue;
            }
            out.add(line);
            if (trimmed.startsWith("<") && trimmed.endsWith(">") && !trimmed.startsWith("</")) {
                String tag = trimmed.substring(1, trimmed.length() - 1);
                if (SECRET_BLOCKS.contains(tag)) {
                    out.add(placeholder);
                    closing = "</" + tag + ">";
                }
            }
        }
        return String.join("\n", out) + "\n";
    }
}
