package dev.corridor.ui;

import java.time.Duration;
import java.util.Locale;

/** Writes byte counts, rates and durations the way the details panel shows them (binary units, H:MM:SS). */
final class Amounts {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Amounts() {}

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 20.0 MiB}. */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 0:00:05}, {@code 12:34:56}; negative durations count as zero. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** Bits per second in kbit/s, for the graph's axis. */
    static double kilobits(double bitsPerSecond) {
        return bitsPerSecond / 1000;
    }
}
