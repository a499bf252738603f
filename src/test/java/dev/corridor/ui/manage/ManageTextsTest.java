package dev.corridor.ui.manage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.ui.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code "manage...."} key named in this package's code exists in both languages, including
 * keys handed to helper methods that TextsCompletenessTest's {@code texts.get("...")} scan cannot see.
 */
class ManageTextsTest {
    @Test
    void everyKeyNamedInTheCodeExists() throws IOException {
        Pattern key = Pattern.compile("\"(manage\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/corridor/ui/manage"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = key.matcher(Files.readString(file));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertThat(named).hasSizeGreaterThan(80);
        for (Locale locale : Texts.LANGUAGES) {
            Texts texts = Texts.forLocale(locale);
            assertThat(named.stream().filter(k -> !texts.has(k)).toList()).as("missing in " + locale).isEmpty();
        }
    }
}
