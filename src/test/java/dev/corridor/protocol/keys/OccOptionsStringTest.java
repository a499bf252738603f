package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.Role;
import org.junit.jupiter.api.Test;

class OccOptionsStringTest {

    @Test
    void awsStyleClientOverUdp() {
        assertThat(OccOptionsString.builder(Role.CLIENT).build()).isEqualTo("V4,dev-type tun,link-mtu 1549,tun-mtu 1500,"
                + "proto UDPv4,cipher AES-256-GCM,auth [null-digest],keysize 256,key-method 2,tls-client");
    }

    @Test
    void tcpAddsTheLengthPrefixAndNamesTheSide() {
        assertThat(OccOptionsString.builder(Role.CLIENT).tcp(true).build()).isEqualTo("V4,dev-type tun,link-mtu 1551,"
                + "tun-mtu 1500,proto TCPv4_CLIENT,cipher AES-256-GCM,auth [null-digest],keysize 256,key-method 2,"
                + "tls-client");
        assertThat(OccOptionsString.builder(Role.SERVER).tcp(true).build()).contains("proto TCPv4_SERVER")
                .endsWith(",tls-server");
    }

    @Test
    void linkMtuFollowsOpenVpn2() {
        // 1500 + opcode 1 + packet id 4 + tag 16 + IV 12 + block 16
        assertThat(OccOptionsString.linkMtu(1500, "AES-128-GCM", "SHA1", false, OccOptionsString.Compression.NONE))
                .isEqualTo(1549);
        // ChaCha20 has block size 1
        assertThat(OccOptionsString.linkMtu(1500, "CHACHA20-POLY1305", "SHA1", false,
                OccOptionsString.Compression.NONE)).isEqualTo(1534);
        // the classic BF-CBC/SHA1 value 2.4 logs: 1500 + 1 + 4 + 8 + 8 + 20
        assertThat(OccOptionsString.linkMtu(1500, "BF-CBC", "SHA1", false, OccOptionsString.Compression.NONE))
                .isEqualTo(1541);
        // AES-256-CBC + SHA256 with comp-lzo framing: 1500 + 1 + 4 + 1 + 16 + 16 + 32
        assertThat(OccOptionsString.linkMtu(1500, "AES-256-CBC", "SHA256", false,
                OccOptionsString.Compression.FRAMING_BYTE)).isEqualTo(1570);
        assertThat(OccOptionsString.linkMtu(1400, "AES-256-GCM", "SHA1", false, OccOptionsString.Compression.V2))
                .isEqualTo(1449);
    }

    @Test
    void cbcWithTlsAuthAndCompression() {
        String options = OccOptionsString.builder(Role.CLIENT).cipher("AES-256-CBC", true).auth("SHA256")
                .compression(OccOptionsString.Compression.FRAMING_BYTE).tlsAuth(1).build();
        assertThat(options).isEqualTo("V4,dev-type tun,link-mtu 1570,tun-mtu 1500,proto UDPv4,comp-lzo,keydir 1,"
                + "cipher AES-256-CBC,auth SHA256,keysize 256,tls-auth,key-method 2,tls-client");
    }

    @Test
    void unannouncedCipherIsLeftOutButStillSizesTheKey() {
        assertThat(OccOptionsString.builder(Role.CLIENT).cipher("BF-CBC", false).build())
                .isEqualTo("V4,dev-type tun,link-mtu 1541,tun-mtu 1500,proto UDPv4,auth SHA1,keysize 128,"
                        + "key-method 2,tls-client");
    }

    @Test
    void refusesUnknownCiphersAndDigests() {
        assertThatThrownBy(() -> OccOptionsString.builder(Role.CLIENT).cipher("DES-EDE", true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OccOptionsString.builder(Role.CLIENT).auth("WHIRLPOOL"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
