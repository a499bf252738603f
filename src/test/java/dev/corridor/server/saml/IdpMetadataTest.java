package dev.corridor.server.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corridor.pki.CertificateAuthority;
import dev.corridor.pki.IssuedCertificate;
import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.server.AuthMode;
import dev.corridor.server.EndpointSecurity;
import dev.corridor.server.InitOptions;
import dev.corridor.server.InitResult;
import dev.corridor.server.ServerInitializer;
import dev.corridor.server.ServerSetupException;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.EndpointConfigFile;
import dev.corridor.server.config.IdpSource;
import dev.corridor.server.config.TransportProtocol;
import dev.corridor.server.idp.TestIdp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IdP metadata: what the test IdP serves at /metadata, and what endpoint.json's idpMetadataFile accepts. */
class IdpMetadataTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final IssuedCertificate IDP = CertificateAuthority.create("Metadata IdP", Clock.systemUTC(),
            RANDOM).certificate();
    private static final TrustedIdp TRUSTED = new TrustedIdp(IDP.certificate(), "https://idp.example.test/sso?app=vpn&x=1",
            "https://idp.example.test/entity");

    @TempDir
    Path temp;

    @Test
    void renderedMetadataReadsBackTheSameIdp() throws Exception {
        String xml = IdpMetadata.render(TRUSTED);
        assertThat(xml).contains("<md:EntityDescriptor", "<md:IDPSSODescriptor", "use=\"signing\"",
                "Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\"", "app=vpn&amp;x=1");
        assertThat(IdpMetadata.parse(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(TRUSTED);
    }

    @Test
    void theTestIdpServesItsMetadataAndAnEndpointTrustsItThroughIdpMetadataFile() throws Exception {
        InitResult init = new ServerInitializer(Clock.systemUTC(), RANDOM, new AtomicFileWriter()).initialize(
                temp.resolve("endpoint"), new InitOptions(AuthMode.FEDERATED, TransportProtocol.TCP, 443, false,
                        "127.0.0.1"));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(init.endpointConfig().toFile());
        String ssoUrl = "http://127.0.0.1:" + freePort() + "/sso";
        ((ObjectNode) tree.get("authentication")).put("idpUrl", ssoUrl);
        mapper.writeValue(init.endpointConfig().toFile(), tree);
        Path folder = init.endpointConfig().getParent();
        AuthenticationOptions.Federated pinned = (AuthenticationOptions.Federated) EndpointConfigFile
                .read(init.endpointConfig()).authentication();

        try (TestIdp idp = TestIdp.fromConfig(pinned, folder, Clock.systemUTC(), RANDOM)) {
            idp.start();
            HttpResponse<byte[]> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + idp.port() + "/metadata")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(metadata.headers().firstValue("Content-Type")).contains(IdpMetadata.CONTENT_TYPE);
            Files.write(folder.resolve("idp/metadata.xml"), metadata.body());

            // endpoint.json now names only the metadata file: certificate, URL and entity id come from it.
            ObjectNode auth = (ObjectNode) tree.get("authentication");
            auth.remove("idpCertificateFile");
            auth.remove("idpUrl");
            auth.remove("idpEntityId");
            auth.put("idpMetadataFile", "idp/metadata.xml");
            mapper.writeValue(init.endpointConfig().toFile(), tree);
            EndpointConfig config = EndpointConfigFile.read(init.endpointConfig());
            AuthenticationOptions.Federated federated = (AuthenticationOptions.Federated) config.authentication();
            assertThat(federated.idp()).isEqualTo(new IdpSource.Metadata(Path.of("idp/metadata.xml")));

            TrustedIdp trusted = TrustedIdp.load(federated.idp(), folder);
            assertThat(trusted.certificate()).isEqualTo(idp.description().certificate());
            assertThat(trusted.ssoUrl()).isEqualTo(ssoUrl);
            assertThat(trusted.entityId()).isEqualTo(ServerInitializer.TEST_IDP_URL);
            assertThat(EndpointSecurity.load(config, folder, Clock.systemUTC())).isNotNull();
            // The test IdP itself can be set up from the metadata form too.
            assertThat(TestIdp.fromConfig(federated, folder, Clock.systemUTC(), RANDOM).description())
                    .isEqualTo(idp.description());
        }
    }

    @Test
    void malformedMetadataIsRefusedWithTheJsonPath() throws Exception {
        Path folder = temp;
        Files.createDirectories(folder.resolve("idp"));
        String good = IdpMetadata.render(TRUSTED);
        String certificate = Base64.getEncoder().encodeToString(IDP.certificate().getEncoded());
        String other = Base64.getEncoder().encodeToString(CertificateAuthority.create("Other", Clock.systemUTC(),
                RANDOM).certificate().certificate().getEncoded());
        refused(folder, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + good.substring(good.indexOf('\n')),
                "the metadata contains a DOCTYPE, which is not allowed");
        refused(folder, "<md:EntityDescriptor", "the metadata is not well-formed XML");
        refused(folder, "<x xmlns=\"urn:other\"/>", "the metadata's root is not one md:EntityDescriptor");
        refused(folder, good.replace("entityID=\"https://idp.example.test/entity\"", ""),
                "the EntityDescriptor has no entityID");
        refused(folder, good.replace("IDPSSODescriptor", "SPSSODescriptor"), "the metadata has no IDPSSODescriptor");
        refused(folder, good.replace("HTTP-Redirect", "HTTP-POST"),
                "the IDPSSODescriptor has no SingleSignOnService with the HTTP-Redirect binding");
        refused(folder, good.replace("Location=\"https://idp.example.test/sso?app=vpn&amp;x=1\"",
                "Location=\"ftp://idp/sso\""), "the HTTP-Redirect SingleSignOnService Location \"ftp://idp/sso\" is"
                        + " not an http(s) URL");
        refused(folder, good.replace(certificate, "bm90IGEgY2VydA=="),
                "the signing certificate is not a base64 X.509 certificate");
        refused(folder, good.replace("use=\"signing\"", "use=\"encryption\""),
                "the IDPSSODescriptor has no signing certificate (KeyDescriptor)");
        String twoKeys = good.replace("    <md:NameIDFormat>", "    <md:KeyDescriptor><ds:KeyInfo xmlns:ds="
                + "\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>" + other
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n    <md:NameIDFormat>");
        refused(folder, twoKeys, "the IDPSSODescriptor has 2 different signing certificates; the endpoint pins"
                + " exactly one");
        refused(folder, good.replace(SamlNames.PROTOCOL_NS + "\">", "urn:oasis:names:tc:SAML:1.1:protocol\">"),
                "the IDPSSODescriptor does not support SAML 2.0 (protocolSupportEnumeration)");
        assertThatThrownBy(() -> TrustedIdp.load(new IdpSource.Metadata(Path.of("idp/missing.xml")), folder))
                .isInstanceOf(ServerSetupException.class)
                .hasMessageStartingWith("$.authentication.idpMetadataFile: cannot read ");
    }

    private static void refused(Path folder, String xml, String reason) throws Exception {
        Files.writeString(folder.resolve("idp/metadata.xml"), xml);
        assertThatThrownBy(() -> TrustedIdp.load(new IdpSource.Metadata(Path.of("idp/metadata.xml")), folder))
                .isInstanceOf(ServerSetupException.class)
                .hasMessage("$.authentication.idpMetadataFile: idp/metadata.xml: " + reason);
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
