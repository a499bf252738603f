package dev.corridor.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cipher names as OpenVPN spells them (protocol.md §5, §6.5) and what the OCC string reports (§4.3). */
class DataCipherTest {

    @Test
    void findsAeadCiphersCaseInsensitively() {
        assertThat(DataCipher.forName("AES-256-GCM", "SHA1")).contains(AeadCipher.AES_256_GCM);
        assertThat(DataCipher.forName("aes-128-gcm", "whatever")).contains(AeadCipher.AES_128_GCM);
        assertThat(DataCipher.forName(" ChaCha20-Poly1305 ", "SHA1")).contains(AeadCipher.CHACHA20_POLY1305);
    }

    @Test
    void findsCbcCiphersWithTheirDigest() {
        assertThat(DataCipher.forName("AES-256-CBC", "SHA256")).contains(new CbcHmacCipher(256, HmacDigest.SHA256));
        assertThat(DataCipher.forName("aes-128-cbc", "sha-1")).contains(new CbcHmacCipher(128, HmacDigest.SHA1));
        assertThat(DataCipher.forName("AES-256-CBC", "SHA512")).contains(new CbcHmacCipher(256, HmacDigest.SHA512));
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThat(DataCipher.forName("BF-CBC", "SHA1")).isEmpty();
        assertThat(DataCipher.forName("AES-192-GCM", "SHA1")).isEmpty();
        assertThat(DataCipher.forName("AES-256-CBC", "none")).isEmpty();
        assertThat(DataCipher.forName("AES-256-CBC", "MD5")).isEmpty();
        assertThat(DataCipher.forName("AES-256-CBC", null)).isEmpty();
        assertThat(DataCipher.forName(null, "SHA1")).isEmpty();
        assertThat(DataCipher.forName("", "")).isEmpty();
    }

    @Test
    void reportsOccValues() {
        assertThat(AeadCipher.AES_256_GCM.authName()).isEqualTo("[null-digest]");
        assertThat(AeadCipher.AES_256_GCM.keySizeBits()).isEqualTo(256);
        assertThat(AeadCipher.AES_128_GCM.keySizeBits()).isEqualTo(128);
        assertThat(AeadCipher.CHACHA20_POLY1305.openVpnName()).isEqualTo("CHACHA20-POLY1305");
        CbcHmacCipher cbc = new CbcHmacCipher(128, HmacDigest.SHA256);
        assertThat(cbc.openVpnName()).isEqualTo("AES-128-CBC");
        assertThat(cbc.authName()).isEqualTo("SHA256");
        assertThat(cbc.keySizeBits()).isEqualTo(128);
    }

    @Test
    void overheadMatchesTheLayouts() {
        assertThat(AeadCipher.AES_128_GCM.maxOverhead()).isEqualTo(4 + 16);
        assertThat(new CbcHmacCipher(256, HmacDigest.SHA1).maxOverhead()).isEqualTo(20 + 16 + 4 + 16);
    }

    @Test
    void buildsIvCiphersFromAProfileList() {
        assertThat(DataCipher.ivCiphers(List.of("AES-256-GCM", "aes-128-gcm", "CHACHA20-POLY1305")))
                .isEqualTo("AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305");
        assertThat(DataCipher.ivCiphers(List.of("BF-CBC", "aes-256-cbc", "AES-256-GCM", "AES-256-GCM")))
                .isEqualTo("AES-256-CBC:AES-256-GCM");
        assertThat(DataCipher.ivCiphers(List.of())).isEmpty();
    }

    @Test
    void canonicalNamesCoverCbcToo() {
        assertThat(DataCipher.canonicalName("aes-128-cbc")).contains("AES-128-CBC");
        assertThat(DataCipher.canonicalName("chacha20-poly1305")).contains("CHACHA20-POLY1305");
        assertThat(DataCipher.canonicalName("des")).isEmpty();
    }
}
