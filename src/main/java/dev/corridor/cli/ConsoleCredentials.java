package dev.corridor.cli;

import dev.corridor.auth.Credentials;
import dev.corridor.auth.CredentialsSource;
import dev.corridor.profile.StaticChallenge;
import java.io.Console;
import java.util.Optional;

/** Asks for credentials in the terminal: the password masked, a challenge answer masked or echoed as the server says. */
final class ConsoleCredentials implements CredentialsSource {
    @Override
    public Optional<Credentials> credentials(String profileName, Optional<StaticChallenge> challenge, boolean retry) {
        Console console = System.console();
        if (console == null) {
            System.err.println("corridor: " + profileName + " needs a username and password, but there is no"
                    + " terminal to ask in; use --auth-user-pass FILE");
            return Optional.empty();
        }
        if (retry) {
            console.printf("The server refused the credentials; try again.%n");
        }
        String username = console.readLine("Username for %s: ", profileName);
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        char[] password = console.readPassword("Password: ");
        if (password == null) {
            return Optional.empty();
        }
        Optional<char[]> answer = Optional.empty();
        if (challenge.isPresent()) {
            answer = Optional.ofNullable(challenge.get().echo()
                    ? Optional.ofNullable(console.readLine("%s", challenge.get().text())).map(String::toCharArray)
                            .orElse(null)
                    : console.readPassword("%s", challenge.get().text()));
            if (answer.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Credentials(username.strip(), password, answer));
    }

    @Override
    public Optional<char[]> challengeResponse(String text, boolean echo) {
        Console console = System.console();
        if (console == null) {
            System.err.println("corridor: the server asks \"" + text + "\" but there is no terminal to answer in");
            return Optional.empty();
        }
        if (echo) {
            return Optional.ofNullable(console.readLine("%s ", text)).map(String::toCharArray);
        }
        return Optional.ofNullable(console.readPassword("%s ", text));
    }
}
