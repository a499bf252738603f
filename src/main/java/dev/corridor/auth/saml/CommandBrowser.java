package dev.corridor.auth.saml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A browser command the user gave ({@code --browser-command CMD}); the URL is appended as the last
 * argument. The command line is split into words on whitespace, with single or double quotes
 * grouping words (no shell is involved, so no other shell syntax applies).
 */
public record CommandBrowser(List<String> command) implements BrowserLauncher {
    public CommandBrowser {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty browser command");
        }
    }

    /** Splits {@code commandLine} into words; throws IllegalArgumentException for an open quote. */
    public static CommandBrowser parse(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : commandLine.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("browser command has an unclosed " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new CommandBrowser(words);
    }

    @Override
    public boolean open(String url) {
        List<String> argv = new ArrayList<>(command);
        argv.add(url);
        try {
            new ProcessBuilder(argv)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
