package dev.corridor.server;

import dev.corridor.server.config.AuthorizationRule;
import dev.corridor.server.config.Ipv4Address;
import java.util.Collection;
import java.util.List;

/**
 * The endpoint's authorization rules: which destinations a user may reach.
 *
 * <pre>
 *   destination d, user groups G:
 *     matching = rules whose CIDR contains d
 *     none      ─► refused
 *     longest   = the matching rules with the longest prefix (0.0.0.0/0 is therefore last)
 *     allowed   ⇔ some rule in longest admits G (group in G, or all users)
 * </pre>
 *
 * As the administrator guide describes, the most specific rule decides: a user outside the group of
 * a /16 rule cannot reach that /16 even when a 0.0.0.0/0 rule admits all users.
 */
public final class AccessPolicy {
    private final List<AuthorizationRule> rules;

    public AccessPolicy(List<AuthorizationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** True when a user with {@code groups} may send to {@code destination}. */
    public boolean allows(Ipv4Address destination, Collection<String> groups) {
        int longest = -1;
        boolean allowed = false;
        for (AuthorizationRule rule : rules) {
            if (!rule.destination().contains(destination)) {
                continue;
            }
            int prefix = rule.destination().prefix();
            if (prefix > longest) {
                longest = prefix;
                allowed = rule.audience().admits(groups);
            } else if (prefix == longest) {
                allowed |= rule.audience().admits(groups);
            }
        }
        return allowed;
    }
}
