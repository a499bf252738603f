package dev.corridor.cli;

import dev.corridor.profile.ProfileStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions that escape a command into one readable line on stderr and an exit code; the
 * stack trace goes to the log file, never to the user's terminal.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FriendlyErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof ProfileStoreException store) {
            commandLine.getErr().println("corridor: " + store.getMessage());
            return ExitCodes.FAILURE;
        }
        LOG.error("command failed: {}", parseResult.originalArgs().isEmpty() ? "" : parseResult.originalArgs().get(0), e);
        commandLine.getErr().println("corridor: unexpected error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (details are in the log file)");
        return ExitCodes.SOFTWARE;
    }
}
