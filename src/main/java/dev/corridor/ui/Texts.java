package dev.corridor.ui;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's words in one language: looks keys up in the UI's resource bundles (English as the
 * base file, {@code _ja} for Japanese; UTF-8 properties) and formats them with the locale.
 *
 * <p>Every bundle named in {@link #BUNDLES} is searched in order; a key lives in exactly one of
 * them (TextsCompletenessTest checks that, and that both languages have every key).
 */
public final class Texts {
    /** Base names of the UI's bundles, one per area of the window. */
    public static final List<String> BUNDLES = List.of("dev.corridor.ui.messages", "dev.corridor.ui.manage");

    /** The languages the window is translated into; English is the fallback. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.JAPANESE);

    private static final Logger LOG = LoggerFactory.getLogger(Texts.class);

    private final Locale locale;
    private final List<ResourceBundle> bundles;

    private Texts(Locale locale, List<ResourceBundle> bundles) {
        this.locale = locale;
        this.bundles = bundles;
    }

    /** The texts for {@code wanted}, or English when Corridor is not translated into that language. */
    public static Texts forLocale(Locale wanted) {
        Objects.requireNonNull(wanted, "wanted");
        Locale chosen = LANGUAGES.stream()
                .filter(l -> l.getLanguage().equals(wanted.getLanguage()))
                .findFirst()
                .orElse(Locale.ENGLISH);
        ResourceBundle.Control baseFirst = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES);
        List<ResourceBundle> loaded = BUNDLES.stream()
                .map(name -> ResourceBundle.getBundle(name, chosen, Texts.class.getClassLoader(), baseFirst))
                .toList();
        return new Texts(chosen, loaded);
    }

    public Locale locale() {
        return locale;
    }

    /** True when some bundle defines {@code key}. */
    public boolean has(String key) {
        return bundles.stream().anyMatch(b -> b.containsKey(key));
    }

    /** The text for {@code key}; a missing key shows as {@code !key!} (and is logged) rather than failing. */
    public String get(String key) {
        for (ResourceBundle bundle : bundles) {
            if (bundle.containsKey(key)) {
                return bundle.getString(key);
            }
        }
        LOG.warn("no UI text for key {} in {}", key, locale);
        return "!" + key + "!";
    }

    /** The text for {@code key} with {@link MessageFormat} arguments filled in for this locale. */
    public String format(String key, Object... arguments) {
        try {
            return new MessageFormat(get(key), locale).format(arguments);
        } catch (IllegalArgumentException | MissingResourceException e) {
            LOG.warn("UI text {} does not format: {}", key, e.getMessage());
            return get(key);
        }
    }
}
