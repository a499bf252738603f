package dev.corridor.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

/** Makes stand-alone Logback contexts for tests, apart from the one SLF4J uses. */
final class LoggerContexts {
    private LoggerContexts() {}

    /** A fresh, started context; Logback 1.5 needs an MDC adapter before any event is appended. */
    static LoggerContext fresh(String name) {
        LoggerContext context = new LoggerContext();
        context.setName(name);
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        return context;
    }
}
