package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void ipv4DottedQuads() {
        assertThat(Ipv4Address.parse("10.0.0.98")).contains(new Ipv4Address(0x0A000062));
        assertThat(Ipv4Address.parse("255.255.255.224").orElseThrow().prefixLength()).hasValue(27);
        assertThat(Ipv4Address.parse("0.0.0.0").orElseThrow().prefixLength()).hasValue(0);
        assertThat(Ipv4Address.parse("255.0.255.0").orElseThrow().prefixLength()).isEmpty();
        assertThat(new Ipv4Address(0xC0A80001)).hasToString("192.168.0.1");
        assertThat(new Ipv4Address(0xC0A80001).toBytes()).containsExactly(192, 168, 0, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4.", "+1.2.3.4",
            "a.b.c.d", " 1.2.3.4", "1.2.3.-4", "vpn_gateway"})
    void ipv4RefusesEverythingElse(String text) {
        assertThat(Ipv4Address.parse(text)).isEmpty();
    }

    @Test
    void ipv6TextForms() {
        assertThat(Ipv6Address.parse("fd15:53b6:dead::2").map(Object::toString)).contains("fd15:53b6:dead::2");
        assertThat(Ipv6Address.parse("2001:DB8:0:0:0:0:0:1").map(Object::toString)).contains("2001:db8::1");
        assertThat(Ipv6Address.parse("::").map(Object::toString)).contains("::");
        assertThat(Ipv6Address.parse("::ffff:10.0.0.1").map(Object::toString)).contains("::ffff:a00:1");
        assertThat(Ipv6Address.parse("2001:db8:0:1:0:0:1:1").map(Object::toString)).contains("2001:db8:0:1::1:1");
        assertThat(Ipv6Address.parse("2001:0:0:1:0:0:0:1").map(Object::toString)).contains("2001:0:0:1::1");
        assertThat(Ipv6Address.parse("1:2:3:4:5:6:7::").map(Object::toString)).contains("1:2:3:4:5:6:7:0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1",
            "fe80::1%eth0", "::1.2.3", "1.2.3.4::", ":1::", "1:2:3:4:5:6:7:8::"})
    void ipv6RefusesEverythingElse(String text) {
        assertThat(Ipv6Address.parse(text)).isEmpty();
    }

    @Property(tries = 1000)
    void ipv6RoundTripsAndAgreesWithTheJdk(@ForAll long high, @ForAll long low) throws Exception {
        Ipv6Address address = new Ipv6Address(high, low);
        Optional<Ipv6Address> parsed = Ipv6Address.parse(address.toString());
        assertThat(parsed).contains(address);
        assertThat(InetAddress.getByName(address.toString()).getAddress()).isEqualTo(address.toBytes());
    }

    @Property(tries = 1000)
    void ipv4RoundTrips(@ForAll int bits) {
        assertThat(Ipv4Address.parse(new Ipv4Address(bits).toString())).contains(new Ipv4Address(bits));
    }

    @Property(tries = 1000)
    void parsersNeverThrow(@ForAll String text) {
        Ipv4Address.parse(text);
        Ipv6Address.parse(text);
    }
}
