package dev.corridor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every UI text exists in English and Japanese, is translated, and every key the code asks for exists. */
class TextsCompletenessTest {
    /** Words that stay the same in Japanese: names, protocols, units. */
    private static final Pattern SAME_IN_BOTH = Pattern.compile(
            "Corridor|OpenVPN|IPv4|IPv6|SAML|MFA|TCP|UDP|DNS|IdP|URL|Mbit/s|kbit/s|KiB|MiB|GiB|ms|\\{[0-9][^}]*\\}");

    /** True when a value has (almost) no words left once names, units and placeholders are removed. */
    private static boolean needsNoTranslation(String value) {
        String rest = SAME_IN_BOTH.matcher(value).replaceAll("");
        return rest.chars().filter(Character::isLetter).count() <= 2;
    }

    private static Properties load(String bundle, String suffix) throws IOException {
        String resource = "/" + bundle.replace('.', '/') + suffix + ".properties";
        Properties properties = new Properties();
        try (InputStream in = TextsCompletenessTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndNoEmptyOrUntranslatedValue() throws IOException {
        for (String bundle : Texts.BUNDLES) {
            Properties english = load(bundle, "");
            Properties japanese = load(bundle, "_ja");

            assertThat(japanese.stringPropertyNames()).as(bundle + " keys")
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            List<String> untranslated = new ArrayList<>();
            for (String key : english.stringPropertyNames()) {
                String en = english.getProperty(key);
                String ja = japanese.getProperty(key);
                assertThat(en).as(bundle + " en " + key).isNotBlank();
                assertThat(ja).as(bundle + " ja " + key).isNotBlank();
                if (en.equals(ja) && !needsNoTranslation(en)) {
                    untranslated.add(key + "=" + en);
                }
            }
            assertThat(untranslated).as(bundle + ": Japanese values identical to English").isEmpty();
        }
    }

    @Test
    void noKeyIsDefinedInTwoBundles() throws IOException {
        Map<String, String> owner = new HashMap<>();
        for (String bundle : Texts.BUNDLES) {
            for (String key : load(bundle, "").stringPropertyNames()) {
                assertThat(owner.put(key, bundle)).as("key " + key + " also in " + owner.get(key)).isNull();
            }
        }
    }

    @Test
    void everyKeyTheWindowAsksForExistsInBothLanguages() throws IOException {
        Pattern use = Pattern.compile("\\b(?:texts|t)\\.(?:get|format)\\(\"([a-z0-9_.\\-]+)\"");
        Set<String> asked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/corridor/ui"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = use.matcher(Files.readString(file));
                while (matcher.find()) {
                    asked.add(matcher.group(1));
                }
            }
        }
        for (Locale locale : Texts.LANGUAGES) {
            Texts texts = Texts.forLocale(locale);
            assertThat(asked.stream().filter(k -> !texts.has(k)).toList()).as("missing in " + locale).isEmpty();
        }
    }

    @Test
    void aLanguageCorridorIsNotTranslatedIntoFallsBackToEnglish() {
        assertThat(Texts.forLocale(Locale.GERMAN).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(Texts.forLocale(Locale.JAPAN).locale()).isEqualTo(Locale.JAPANESE);
        assertThat(Texts.forLocale(Locale.ENGLISH).get("no.such.key")).isEqualTo("!no.such.key!");
    }
}
