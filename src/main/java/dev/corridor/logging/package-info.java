/**
 * Logging set-up for Corridor: the Logback pieces wired in {@code logback.xml} (log folder, level
 * properties, owner-only rolling file, redacting converters) and the redaction of secrets from
 * every log line. See {@code docs/logging.md}.
 */
package dev.corridor.logging;
