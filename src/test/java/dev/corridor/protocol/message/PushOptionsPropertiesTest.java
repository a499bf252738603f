package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corridor.profile.Routing.PullFilter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Any pushed option list, with any filters, yields a result and never an exception. */
class PushOptionsPropertiesTest {

    @Property(tries = 2000)
    void arbitraryOptionsNeverThrow(@ForAll @Size(max = 12) List<@net.jqwik.api.From("optionish") String> options,
            @ForAll @Size(max = 3) List<@net.jqwik.api.From("filter") PullFilter> filters) {
        PushParseResult result = PushOptionsParser.parse(options, filters);
        assertThat(result).isNotNull();
        result.toString();
    }

    @Property(tries = 1000)
    void arbitraryStringsNeverThrow(@ForAll @Size(max = 8) List<String> options) {
        assertThat(PushOptionsParser.parse(options)).isNotNull();
    }

    @Provide
    Arbitrary<String> optionish() {
        Arbitrary<String> name = Arbitraries.of("route", "route-ipv6", "ifconfig", "ifconfig-ipv6", "dhcp-option",
                "dhcp-option DNS", "dhcp-option DNS6", "dhcp-option DOMAIN", "redirect-gateway", "topology", "ping",
                "ping-restart", "inactive", "peer-id", "cipher", "protocol-flags", "key-derivation", "tun-mtu",
                "auth-token", "auth-token-user", "echo", "block-ipv6", "explicit-exit-notify", "compress", "comp-lzo",
                "route-gateway", "route-metric", "redirect-private", "ping-exit", "x");
        Arbitrary<String> args = Arbitraries.strings().withChars("0123456789.:/ abcdef\"'\\#")
                .withChars("vpn_gateway default !ipv4 def1 subnet tls-ekm".toCharArray()).ofMaxLength(40);
        return Combinators.combine(name, args).as((n, a) -> n + " " + a);
    }

    @Provide
    Arbitrary<PullFilter> filter() {
        return Combinators.combine(Arbitraries.of(PullFilter.Action.class),
                Arbitraries.of("route", "route ", "dhcp", "", "ping", "auth-token", "echo")).as(PullFilter::new);
    }
}
