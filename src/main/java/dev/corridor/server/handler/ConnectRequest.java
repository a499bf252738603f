package dev.corridor.server.handler;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;

/**
 * The request the client connect handler receives, in the guide's schema v2:
 *
 * <pre>
 *   {"connection-id": "cvpn-connection-…", "endpoint-id": "cvpn-endpoint-…",
 *    "common-name": certificate CN, "username": user ("" with mutual authentication),
 *    "platform": IV_PLAT, "platform-version": IV_PLAT_VER, "public-ip": device address,
 *    "client-openvpn-version": IV_VER, "groups": [user's groups] ([] with mutual authentication),
 *    "schema-version": "v2"}
 * </pre>
 *
 * Values the client did not send are empty strings.
 *
 * @param connectionId         the connection's id
 * @param endpointId           the endpoint's id
 * @param commonName           the client certificate's common name
 * @param username             the user name, empty with mutual authentication
 * @param platform             the client's operating system platform
 * @param platformVersion      the operating system's version
 * @param publicIp             the device's public IP address
 * @param clientOpenVpnVersion the OpenVPN version the client reports
 * @param groups               the user's groups, empty with mutual authentication
 */
@JsonPropertyOrder({"connection-id", "endpoint-id", "common-name", "username", "platform", "platform-version",
        "public-ip", "client-openvpn-version", "groups", "schema-version"})
public record ConnectRequest(
        @JsonProperty("connection-id") String connectionId,
        @JsonProperty("endpoint-id") String endpointId,
        @JsonProperty("common-name") String commonName,
        @JsonProperty("username") String username,
        @JsonProperty("platform") String platform,
        @JsonProperty("platform-version") String platformVersion,
        @JsonProperty("public-ip") String publicIp,
        @JsonProperty("client-openvpn-version") String clientOpenVpnVersion,
        @JsonProperty("groups") List<String> groups) {

    /** The schema version this server sends. */
    public static final String SCHEMA_VERSION = "v2";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ConnectRequest {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(platformVersion, "platformVersion");
        Objects.requireNonNull(publicIp, "publicIp");
        Objects.requireNonNull(clientOpenVpnVersion, "clientOpenVpnVersion");
        groups = List.copyOf(groups);
    }

    /** Always {@value #SCHEMA_VERSION}. */
    @JsonProperty("schema-version")
    public String schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** The request as UTF-8 JSON. */
    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request of strings always serializes", e);
        }
    }
}
