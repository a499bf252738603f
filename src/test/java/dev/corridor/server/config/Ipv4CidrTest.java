package dev.corridor.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and arithmetic of IPv4 networks. */
class Ipv4CidrTest {
    @Test
    void parsesAndPrints() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("10.200.0.0/22").orElseThrow();
        assertThat(cidr.toString()).isEqualTo("10.200.0.0/22");
        assertThat(cidr.dottedMask()).isEqualTo("255.255.252.0");
        assertThat(cidr.size()).isEqualTo(1024);
        assertThat(cidr.contains(Ipv4Address.parse("10.200.3.255").orElseThrow())).isTrue();
        assertThat(cidr.contains(Ipv4Address.parse("10.200.4.0").orElseThrow())).isFalse();
        assertThat(Ipv4Cidr.parse("0.0.0.0/0").orElseThrow().mask()).isZero();
        assertThat(Ipv4Cidr.parse("255.255.255.255/32").orElseThrow().toString()).isEqualTo("255.255.255.255/32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0/8", "10.0.0.0.0/8", "010.0.0.0/8", "10.0.0.0/08",
            "a.b.c.d/8", "10.0.0.256/24", "10.0.0.0/-1", " 10.0.0.0/8", "10.0.0.0/", "/8", ""})
    void refusesMalformedText(String text) {
        assertThat(Ipv4Cidr.parse(text)).isEmpty();
    }

    @Test
    void detectsOverlap() {
        Ipv4Cidr a = Ipv4Cidr.parse("10.100.0.0/16").orElseThrow();
        assertThat(a.overlaps(Ipv4Cidr.parse("10.96.0.0/12").orElseThrow())).isTrue();
        assertThat(a.overlaps(Ipv4Cidr.parse("10.100.5.0/24").orElseThrow())).isTrue();
        assertThat(a.overlaps(Ipv4Cidr.parse("10.200.0.0/22").orElseThrow())).isFalse();
        assertThat(Ipv4Cidr.parse("10.0.0.1/16").orElseThrow().isNetworkAddress()).isFalse();
    }
}
