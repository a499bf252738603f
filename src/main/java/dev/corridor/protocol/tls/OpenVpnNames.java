package dev.corridor.protocol.tls;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ASN1UniversalString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Prints certificate names the way OpenVPN 2.x does, so that {@code verify-x509-name} compares
 * the same strings OpenVPN compares and our logs read like OpenVPN's.
 *
 * <p><b>Subject format</b> (OpenVPN {@code x509_get_subject}: OpenSSL {@code X509_NAME_print_ex} with
 * {@code XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_SN | ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_ESC_CTRL},
 * then {@code string_mod_remap_name} and {@code string_replace_leading('-', '_')}):
 * <pre>
 *   C=US, ST=California, O=Example Corp, OU=VPN + UID=7, CN=server.example.com
 *   │     │                                  │   └ " + " joins attributes of one multi-valued RDN
 *   │     └ ", " between RDNs, in certificate (encoding) order, not reversed like RFC 2253
 *   └ OpenSSL short names (CN, C, ST, L, O, OU, emailAddress, serialNumber, DC, UID, ...);
 *     unknown attribute types print as dotted OIDs
 * </pre>
 * Values are printed unquoted and unescaped except: control characters (0x00-0x1F, 0x7F) become
 * {@code \XX} (upper-case hex) and a backslash becomes two. Strings are converted to UTF-8
 * (PrintableString, IA5String and T61String bytes count as Latin-1). A leading '-' of the
 * whole subject becomes '_'.
 *
 * <p><b>Common name</b> (OpenVPN {@code extract_x509_field_ssl}): the <em>last</em> CN attribute,
 * as UTF-8, with non-printable characters replaced by '_'. OpenVPN refuses a certificate whose CN is
 * missing or longer than 64 bytes (TLS_USERNAME_LEN).
 */
final class OpenVpnNames {
    /** OpenVPN's TLS_USERNAME_LEN: the longest common name it can extract, in bytes. */
    static final int MAX_COMMON_NAME_BYTES = 64;

    private static final String COMMON_NAME_OID = "2.5.4.3";

    /** OpenSSL's short names (OBJ_nid2sn) for the attribute types found in certificate names. */
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"),
            Map.entry("2.5.4.4", "SN"),
            Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.6", "C"),
            Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.8", "ST"),
            Map.entry("2.5.4.9", "street"),
            Map.entry("2.5.4.10", "O"),
            Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.12", "title"),
            Map.entry("2.5.4.13", "description"),
            Map.entry("2.5.4.15", "businessCategory"),
            Map.entry("2.5.4.17", "postalCode"),
            Map.entry("2.5.4.41", "name"),
            Map.entry("2.5.4.42", "GN"),
            Map.entry("2.5.4.43", "initials"),
            Map.entry("2.5.4.44", "generationQualifier"),
            Map.entry("2.5.4.45", "x500UniqueIdentifier"),
            Map.entry("2.5.4.46", "dnQualifier"),
            Map.entry("2.5.4.65", "pseudonym"),
            Map.entry("2.5.4.97", "organizationIdentifier"),
            Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("1.2.840.113549.1.9.2", "unstructuredName"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"));

    /** OpenSSL's names of the named curves an EC certificate key may use. */
    private static final Map<String, String> CURVE_NAMES = Map.of(
            "1.2.840.10045.3.1.7", "prime256v1",
            "1.3.132.0.34", "secp384r1",
            "1.3.132.0.35", "secp521r1");

    private OpenVpnNames() {}

    /** The certificate's subject as OpenVPN prints and compares it. */
    static String subject(X509Certificate certificate) {
        return format(certificate.getSubjectX500Principal());
    }

    /** Any X.500 name in OpenVPN's subject format. */
    static String format(X500Principal principal) {
        X500Name name = X500Name.getInstance(principal.getEncoded());
        StringBuilder out = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            AttributeTypeAndValue[] values = rdn.getTypesAndValues();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append(" + ");
                }
                out.append(shortName(values[i].getType())).append('=');
                escapeControls(text(values[i].getValue()), out);
            }
        }
        remapUnprintable(out);
        for (int i = 0; i < out.length() && out.charAt(i) == '-'; i++) {
            out.setCharAt(i, '_');
        }
        return out.toString();
    }

    /**
     * The common name OpenVPN would extract: the last CN, unprintable characters as '_'. Empty
     * when there is no CN, or when it is longer than OpenVPN can hold (64 bytes of UTF-8).
     */
    static Optional<String> commonName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String last = null;
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                if (value.getType().getId().equals(COMMON_NAME_OID)) {
                    last = text(value.getValue());
                }
            }
        }
        if (last == null || last.getBytes(StandardCharsets.UTF_8).length > MAX_COMMON_NAME_BYTES) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(last);
        remapUnprintable(out);
        return Optional.of(out.toString());
    }

    /** True when the certificate has a CN at all (to tell "no CN" from "CN too long"). */
    static boolean hasCommonName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                if (value.getType().getId().equals(COMMON_NAME_OID)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Key size and type as OpenVPN logs them: "2048 bit RSA", "256 bit EC, curve prime256v1". */
    static String keyDescription(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() + " bit RSA";
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits + " bit EC" + curveName(key).map(c -> ", curve " + c).orElse("");
        }
        return key.getAlgorithm();
    }

    private static Optional<String> curveName(PublicKey key) {
        try {
            ASN1Encodable parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm()
                    .getParameters();
            if (parameters instanceof ASN1ObjectIdentifier oid) {
                return Optional.of(CURVE_NAMES.getOrDefault(oid.getId(), oid.getId()));
            }
        } catch (RuntimeException e) {
            // an odd encoding only costs the curve name in a log line
        }
        return Optional.empty();
    }

    private static String shortName(ASN1ObjectIdentifier type) {
        return SHORT_NAMES.getOrDefault(type.getId(), type.getId());
    }

    /** The attribute value as text, converted to Unicode the way OpenSSL's UTF8_CONVERT does. */
    private static String text(ASN1Encodable value) {
        ASN1Primitive primitive = value.toASN1Primitive();
        if (primitive instanceof ASN1UTF8String || primitive instanceof ASN1BMPString
                || primitive instanceof ASN1UniversalString) {
            return ((ASN1String) primitive).getString();
        }
        byte[] octets = octets(primitive);
        StringBuilder latin1 = new StringBuilder(octets.length);
        for (byte b : octets) {
            latin1.append((char) (b & 0xff));
        }
        return latin1.toString();
    }

    /** The content octets of a one-byte-per-character string type, or the DER contents of anything else. */
    private static byte[] octets(ASN1Primitive primitive) {
        if (primitive instanceof org.bouncycastle.asn1.ASN1PrintableString s) {
            return s.getOctets();
        }
        if (primitive instanceof org.bouncycastle.asn1.ASN1IA5String s) {
            return s.getOctets();
        }
        if (primitive instanceof org.bouncycastle.asn1.ASN1T61String s) {
            return s.getOctets();
        }
        if (primitive instanceof org.bouncycastle.asn1.ASN1VisibleString s) {
            return s.getOctets();
        }
        if (primitive instanceof org.bouncycastle.asn1.ASN1NumericString s) {
            return s.getOctets();
        }
        if (primitive instanceof ASN1String s) {
            return s.getString().getBytes(StandardCharsets.ISO_8859_1);
        }
        return primitive.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** OpenSSL ASN1_STRFLGS_ESC_CTRL: control characters as \XX, and then the backslash itself doubled. */
    private static void escapeControls(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append('\\').append(String.format("%02X", (int) c));
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
    }

    /** OpenVPN string_mod(CC_PRINT, CC_CRLF, '_'): anything below 0x20 and DEL become '_'. */
    private static void remapUnprintable(StringBuilder text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                text.setCharAt(i, '_');
            }
        }
    }
}
