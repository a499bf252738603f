package dev.corridor.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class PeerInfoPropertiesTest {

    @Property(tries = 2000)
    void anyTextParsesOrIsRefusedWithoutThrowing(@ForAll @Size(max = 500) String text) {
        PeerInfoParse result = PeerInfo.parse(text);
        if (result instanceof PeerInfoParse.Ok ok) {
            // whatever was kept writes back to text that parses to the same variables
            PeerInfoParse again = PeerInfo.parse(ok.peerInfo().text());
            assertThat(again).isInstanceOf(PeerInfoParse.Ok.class);
            assertThat(((PeerInfoParse.Ok) again).peerInfo()).isEqualTo(ok.peerInfo());
            ok.peerInfo().capabilities();
            ok.peerInfo().mtu();
            ok.peerInfo().asymmetricPeerId();
        }
    }

    @Property(tries = 1000)
    void anyBytesDecodedAsUtf8NeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        assertThat(PeerInfo.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))).isNotNull();
    }
}
