package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerInfoTest {
    private static final Set<ProtocolCapability> MINIMAL = EnumSet.of(ProtocolCapability.DATA_V2,
            ProtocolCapability.REQUEST_PUSH, ProtocolCapability.AUTH_PENDING_KEYWORDS,
            ProtocolCapability.CC_EXIT_NOTIFY, ProtocolCapability.AUTH_FAIL_TEMP);

    @Test
    void exactTextForATypicalClient() {
        PeerInfo info = PeerInfo.builder()
                .version("2.6.12")
                .platformFromOsName("Linux")
                .mtu(1600)
                .ciphers(List.of("AES-256-GCM", "AES-128-GCM", "CHACHA20-POLY1305"))
                .capabilities(EnumSet.of(ProtocolCapability.DATA_V2, ProtocolCapability.REQUEST_PUSH,
                        ProtocolCapability.TLS_KEY_EXPORT, ProtocolCapability.AUTH_PENDING_KEYWORDS,
                        ProtocolCapability.CC_EXIT_NOTIFY, ProtocolCapability.AUTH_FAIL_TEMP))
                .platformVersion("6.8.0-45-generic")
                .guiVersion("Corridor_0.1.0")
                .ssoMethods(List.of("webauth", "crtext"))
                .userVariable("UV_DEVICE", "laptop 1")
                .build();
        assertThat(info.text()).isEqualTo("""
                IV_VER=2.6.12
                IV_PLAT=linux
                IV_TCPNL=1
                IV_MTU=1600
                IV_NCP=2
                IV_CIPHERS=AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305
                IV_PROTO=414
                IV_PLAT_VER=6.8.0-45-generic
                IV_GUI_VER=Corridor_0.1.0
                IV_SSO=webauth,crtext
                UV_DEVICE=laptop 1
                """);
    }

    @Test
    void ivProtoValuesMatchTheSpec() {
        assertThat(ProtocolCapability.encode(MINIMAL)).isEqualTo(406); // protocol.md §6.5 minimal client
        Set<ProtocolCapability> stock26 = EnumSet.of(ProtocolCapability.DATA_V2, ProtocolCapability.REQUEST_PUSH,
                ProtocolCapability.TLS_KEY_EXPORT, ProtocolCapability.AUTH_PENDING_KEYWORDS,
                ProtocolCapability.DNS_OPTION, ProtocolCapability.CC_EXIT_NOTIFY, ProtocolCapability.AUTH_FAIL_TEMP,
                ProtocolCapability.DYN_TLS_CRYPT);
        assertThat(ProtocolCapability.encode(stock26)).isEqualTo(990); // stock 2.6 client
        assertThat(ProtocolCapability.encode(Set.of())).isZero();
        assertThat(ProtocolCapability.decode(990)).isEqualTo(stock26);
        assertThat(ProtocolCapability.decode(1 | 1 << 20)).isEmpty(); // reserved and unknown bits ignored
        assertThat(ProtocolCapability.PUSH_UPDATE.value()).isEqualTo(4096);
    }

    @Test
    void nonZeroIvProtoMustIncludeDataV2() {
        assertThatThrownBy(() -> PeerInfo.builder().capabilities(EnumSet.of(ProtocolCapability.TLS_KEY_EXPORT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DATA_V2");
    }

    @Test
    void noCapabilitiesMeansNoIvProtoAndNcpNeedsBothGcmSizes() {
        PeerInfo info = PeerInfo.builder().ciphers(List.of("AES-256-GCM")).tcpNonLinear(false).build();
        assertThat(info.text()).isEqualTo("IV_CIPHERS=AES-256-GCM\n");
    }

    @Test
    void platformFromJavaOsNames() {
        assertThat(PeerInfo.platformOf("Linux")).contains("linux");
        assertThat(PeerInfo.platformOf("Mac OS X")).contains("mac");
        assertThat(PeerInfo.platformOf("Windows 11")).contains("win");
        assertThat(PeerInfo.platformOf("FreeBSD")).contains("freebsd");
        assertThat(PeerInfo.platformOf("SunOS")).contains("solaris");
        assertThat(PeerInfo.platformOf("Plan 9")).isEmpty();
        assertThat(PeerInfo.builder().platformFromOsName("Plan 9").tcpNonLinear(false).build().text()).isEmpty();
    }

    @Test
    void builderRefusesValuesThatWouldBreakTheText() {
        assertThatThrownBy(() -> PeerInfo.builder().version("1\nIV_PROTO=2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerInfo.builder().ciphers(List.of("AES:X"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerInfo.builder().ssoMethods(List.of("a,b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerInfo.builder().userVariable("IV_X", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesWhatTheBuilderWrites() {
        PeerInfo built = PeerInfo.builder().version("3.11.6").platform("mac").mtu(1600)
                .ciphers(List.of("AES-128-GCM", "AES-256-GCM")).capabilities(MINIMAL)
                .ssoMethods(List.of("openurl", "webauth")).build();
        PeerInfoParse parsed = PeerInfo.parse(built.text());
        assertThat(parsed).isInstanceOf(PeerInfoParse.Ok.class);
        PeerInfo info = ((PeerInfoParse.Ok) parsed).peerInfo();
        assertThat(info).isEqualTo(built);
        assertThat(info.version()).contains("3.11.6");
        assertThat(info.platform()).contains("mac");
        assertThat(info.mtu()).hasValue(1600);
        assertThat(info.ncp()).hasValue(2);
        assertThat(info.ciphers()).containsExactly("AES-128-GCM", "AES-256-GCM");
        assertThat(info.capabilities()).isEqualTo(MINIMAL);
        assertThat(info.ssoMethods()).containsExactly("openurl", "webauth");
    }

    @Test
    void parsesServerPeerInfoWithAsymmetricPeerId() {
        PeerInfo info = ((PeerInfoParse.Ok) PeerInfo.parse("ID=1a2b\r\n")).peerInfo();
        assertThat(info.asymmetricPeerId()).hasValue(0x1a2b);
        assertThat(((PeerInfoParse.Ok) PeerInfo.parse("ID=zz\n")).peerInfo().asymmetricPeerId()).isEmpty();
    }

    @Test
    void skipsBadLinesWithWarningsAndLaterValuesWin() {
        PeerInfoParse.Ok ok = (PeerInfoParse.Ok) PeerInfo.parse(
                "IV_VER=1\nnot a variable\nBAD NAME=x\n=empty\nIV_VER=2\n\nIV_PROTO=abc\n");
        assertThat(ok.peerInfo().variables()).containsExactly(
                java.util.Map.entry("IV_VER", "2"), java.util.Map.entry("IV_PROTO", "abc"));
        assertThat(ok.warnings()).hasSize(4);
        assertThat(ok.peerInfo().ivProto()).isEmpty();
        assertThat(ok.peerInfo().capabilities()).isEmpty();
    }

    @Test
    void refusesControlCharactersAndOversizedText() {
        assertThat(PeerInfo.parse("IV_VER=1\u0007\n")).isInstanceOf(PeerInfoParse.Malformed.class);
        assertThat(PeerInfo.parse("IV_VER=1\tx\n")).isInstanceOf(PeerInfoParse.Malformed.class);
        assertThat(PeerInfo.parse("X=" + "a".repeat(PeerInfo.MAX_TEXT_CHARS))).isInstanceOf(PeerInfoParse.Malformed.class);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= PeerInfo.MAX_VARIABLES; i++) {
            many.append("UV_").append(i).append("=1\n");
        }
        assertThat(PeerInfo.parse(many.toString())).isInstanceOf(PeerInfoParse.Malformed.class);
        assertThat(PeerInfo.parse(null)).isInstanceOf(PeerInfoParse.Malformed.class);
    }

    @Test
    void emptyTextIsAnEmptyPeerInfo() {
        assertThat(((PeerInfoParse.Ok) PeerInfo.parse("")).peerInfo()).isEqualTo(PeerInfo.empty());
    }
}
