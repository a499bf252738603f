package dev.corridor.bench.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One series of connect times in milliseconds (start to first answered ping), with its median. */
record ConnectTimes(String label, List<Long> millis) {
    ConnectTimes {
        millis = List.copyOf(millis);
    }

    /** The median of {@code millis} (mean of the middle two for an even count); 0 when empty. */
    long median() {
        return median(millis);
    }

    /** The series without its first run (the warm ones after a cold first connect in one JVM). */
    ConnectTimes withoutFirst(String newLabel) {
        return new ConnectTimes(newLabel, millis.isEmpty() ? List.of() : millis.subList(1, millis.size()));
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@code label: median M ms, min–max A–B (n N); runs: ...}. */
    String describe() {
        if (millis.isEmpty()) {
            return label + ": no runs";
        }
        long min = millis.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = millis.stream().mapToLong(Long::longValue).max().orElse(0);
        return String.format(Locale.ROOT, "%s: median %d ms, min-max %d-%d ms (n %d); runs %s", label, median(), min,
                max, millis.size(), millis);
    }
}
