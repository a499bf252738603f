package dev.corridor.net.os;

import dev.corridor.net.Addresses;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The resolv.conf Corridor writes while a tunnel is up when systemd-resolved is not running: the
 * tunnel's servers first; for a split tunnel the previous servers follow (at most three in all, the
 * resolver's limit), and the previous search domains and options are kept.
 */
final class ResolvConfText {
    static final String HEADER = "# Written by Corridor while a VPN tunnel is up; the previous file is put back"
            + " when it goes down.";
    private static final int MAX_SERVERS = 3;

    private ResolvConfText() {}

    static byte[] render(List<InetAddress> servers, List<String> domains, boolean allQueries,
            Optional<byte[]> previous) {
        Set<String> nameservers = new LinkedHashSet<>();
        servers.forEach(s -> nameservers.add(Addresses.format(s)));
        Set<String> search = new LinkedHashSet<>(domains);
        List<String> options = new ArrayList<>();
        if (previous.isPresent()) {
            for (String line : new String(previous.get(), StandardCharsets.UTF_8).split("\n")) {
                String[] words = line.strip().split("\\s+");
                if (words.length < 2) {
                    continue;
                }
                if (words[0].equals("nameserver") && !allQueries) {
                    nameservers.add(words[1]);
                } else if ((words[0].equals("search") || words[0].equals("domain")) && !allQueries) {
                    search.addAll(List.of(words).subList(1, words.length));
                } else if (words[0].equals("options")) {
                    options.add(line.strip());
                }
            }
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        nameservers.stream().limit(MAX_SERVERS).forEach(s -> text.append("nameserver ").append(s).append('\n'));
        if (!search.isEmpty()) {
            text.append("search ").append(String.join(" ", search)).append('\n');
        }
        options.forEach(o -> text.append(o).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
