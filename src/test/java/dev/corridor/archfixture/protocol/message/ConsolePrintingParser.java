package dev.corridor.archfixture.protocol.message;

/** Breaks protocol-does-no-io: the protocol prints to the console. */
public final class ConsolePrintingParser {
    public void parse(String message) {
        System.out.println(message);
    }
}
