package dev.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandsTest {
    @Test
    void namesAreThoseOfTheCommandsThemselves() {
        Subcommands.ALL.forEach((name, type) -> assertThat(new CommandLine(type).getCommandName()).isEqualTo(name));
    }

    @Test
    void connectAndCheckGetOnlyTheirOwnCommand() {
        assertThat(Main.commandLine("connect", "--config", "x.ovpn").getSubcommands()).containsOnlyKeys("connect");
        assertThat(Main.commandLine("check", "work").getSubcommands()).containsOnlyKeys("check");
    }

    @Test
    void everyOtherCommandLineGetsAllInHelpOrder() {
        for (String[] args : new String[][] {{}, {"--help"}, {"server", "run"}, {"Connect"}, {"-h", "connect"}}) {
            assertThat(Main.commandLine(args).getSubcommands().keySet()).containsExactly("demo", "profile", "check",
                    "connect", "server", "net", "diagnostics");
        }
    }

    @Test
    void connectAloneReportsErrorsAndHelpAsCorridorConnect() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "connect", "--no-such-option");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'").contains("Usage: corridor connect");

        StringWriter help = new StringWriter();
        assertThat(Main.run(new PrintWriter(help), new PrintWriter(new StringWriter()), "check", "--help")).isZero();
        assertThat(help.toString()).startsWith("Usage: corridor check");
    }

    @Test
    void settingsReachTheSubcommandAddedAlone() {
        CommandLine connectOnly = Main.commandLine("connect");
        assertThat(connectOnly.getSubcommands().get("connect").isCaseInsensitiveEnumValuesAllowed()).isTrue();
    }
}
