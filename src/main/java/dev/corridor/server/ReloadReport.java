package dev.corridor.server;

import java.util.List;

/**
 * What a configuration reload changed.
 *
 * @param changes    one line per changed setting, e.g. "routes", "authorization rules"
 * @param reset      connections told to reconnect (RESTART) to receive new pushed settings
 * @param terminated connections ended for good (HALT), e.g. a certificate the new CRL revokes
 */
public record ReloadReport(List<String> changes, int reset, int terminated) {
    public ReloadReport {
        changes = List.copyOf(changes);
    }
}
