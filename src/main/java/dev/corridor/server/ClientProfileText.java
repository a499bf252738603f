package dev.corridor.server;

import dev.corridor.server.config.TransportProtocol;
import java.util.Objects;
import java.util.Optional;

/**
 * The text of a client profile in the shape of an exported AWS Client VPN configuration, with the
 * CA (and for mutual authentication the client's certificate and key) inline.
 *
 * <pre>
 *   client / dev tun / proto udp|tcp / remote HOST PORT / remote-random-hostname /
 *   resolv-retry infinite / nobind / remote-cert-tls server / cipher AES-256-GCM / verb 3 /
 *   &lt;ca&gt;...&lt;/ca&gt; / [&lt;cert&gt;...&lt;/cert&gt; &lt;key&gt;...&lt;/key&gt;] / [auth-user-pass] /
 *   [static-challenge "Enter MFA code " 1] / reneg-sec 0
 * </pre>
 *
 * @param transport      UDP or TCP
 * @param host           the server's name or address
 * @param port           the server's port
 * @param caPem          the CA certificate in PEM
 * @param clientCertPem  the client certificate in PEM, for mutual authentication
 * @param clientKeyPem   the client's private key in PEM, for mutual authentication
 * @param password       whether the client sends a username and password
 * @param mfaChallenge   whether the client asks for an MFA code (static challenge)
 */
public record ClientProfileText(TransportProtocol transport, String host, int port, String caPem,
        Optional<String> clientCertPem, Optional<String> clientKeyPem, boolean password, boolean mfaChallenge) {
    /** The prompt AWS documents for MFA with Active Directory. */
    public static final String MFA_PROMPT = "Enter MFA code ";

    public ClientProfileText {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(caPem, "caPem");
        Objects.requireNonNull(clientCertPem, "clientCertPem");
        Objects.requireNonNull(clientKeyPem, "clientKeyPem");
        if (clientCertPem.isPresent() != clientKeyPem.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its key and the other way round");
        }
        if (mfaChallenge && !password) {
            throw new IllegalArgumentException("the MFA challenge comes with a username and password");
        }
    }

    /** The profile text, with LF line ends. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("client\n");
        text.append("dev tun\n");
        text.append("proto ").append(transport.label()).append('\n');
        text.append("remote ").append(host).append(' ').append(port).append('\n');
        text.append("remote-random-hostname\n");
        text.append("resolv-retry infinite\n");
        text.append("nobind\n");
        text.append("remote-cert-tls server\n");
        text.append("cipher AES-256-GCM\n");
        text.append("verb 3\n");
        block(text, "ca", caPem);
        clientCertPem.ifPresent(pem -> block(text, "cert", pem));
        clientKeyPem.ifPresent(pem -> block(text, "key", pem));
        if (password) {
            text.append("auth-user-pass\n");
        }
        if (mfaChallenge) {
            text.append("static-challenge \"").append(MFA_PROMPT).append("\" 1\n");
        }
        text.append("\nreneg-sec 0\n");
        return text.toString();
    }

    private static void block(StringBuilder text, String name, String pem) {
        text.append('<').append(name).append(">\n").append(pem.strip()).append("\n</").append(name).append(">\n");
    }

    @Override
    public String toString() {
        return "ClientProfileText[" + transport.label() + " " + host + ":" + port + ", mutual="
                + clientCertPem.isPresent() + ", password=" + password + ", mfa=" + mfaChallenge + ", key=[redacted]]";
    }
}
