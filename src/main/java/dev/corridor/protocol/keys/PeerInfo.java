package dev.corridor.protocol.keys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The peer-info text of a key-method-2 message: {@code NAME=value} lines telling the peer what this
 * side is and implements (protocol.md §6.5). Built by the client with {@link #builder()}, parsed by
 * the server with {@link #parse(String)}.
 *
 * <pre>
 *   IV_VER=2.6.12\n              version we claim
 *   IV_PLAT=linux\n              linux | mac | win | ...
 *   IV_TCPNL=1\n                 no linear packet ids needed on TCP
 *   IV_MTU=1600\n                largest pushed tun-mtu we accept
 *   IV_NCP=2\n                   (only when both AES-128-GCM and AES-256-GCM are offered, as 2.x does)
 *   IV_CIPHERS=AES-256-GCM:...\n data ciphers we accept
 *   IV_PROTO=406\n               {@link ProtocolCapability} bits; omitted when none
 *   IV_PLAT_VER=...\n  IV_GUI_VER=Corridor_0.1.0\n  IV_SSO=webauth,crtext\n  UV_...=...\n
 * </pre>
 *
 * Variable order is kept. Names are letters, digits and '_' (at most 64); values hold no control
 * characters.
 */
public final class PeerInfo {
    /** Largest peer-info text {@link #parse} accepts, in characters. */
    public static final int MAX_TEXT_CHARS = 64 * 1024;
    /** Most variables {@link #parse} keeps. */
    public static final int MAX_VARIABLES = 256;
    /** Longest variable name. */
    public static final int MAX_NAME_CHARS = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1," + MAX_NAME_CHARS + "}");
    private static final Pattern SSO_METHOD = Pattern.compile("[A-Za-z0-9_-]+");

    private final Map<String, String> variables;

    private PeerInfo(Map<String, String> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** An empty peer-info (a server that announces nothing). */
    public static PeerInfo empty() {
        return new PeerInfo(Map.of());
    }

    /** All variables, in the order they were written. */
    public Map<String, String> variables() {
        return variables;
    }

    /** One variable's value. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** The text as sent: one {@code NAME=value\n} line per variable; "" when there are none. */
    public String text() {
        StringBuilder out = new StringBuilder();
        variables.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        return out.toString();
    }

    /** IV_VER. */
    public Optional<String> version() {
        return get("IV_VER");
    }

    /** IV_PLAT. */
    public Optional<String> platform() {
        return get("IV_PLAT");
    }

    /** IV_GUI_VER. */
    public Optional<String> guiVersion() {
        return get("IV_GUI_VER");
    }

    /** IV_PROTO as a number, when present and numeric. */
    public OptionalLong ivProto() {
        return get("IV_PROTO").map(PeerInfo::parseUnsigned).orElse(OptionalLong.empty());
    }

    /** The known capabilities named by IV_PROTO (empty when IV_PROTO is absent or not a number). */
    public Set<ProtocolCapability> capabilities() {
        OptionalLong proto = ivProto();
        return proto.isPresent() ? ProtocolCapability.decode(proto.getAsLong())
                : Collections.unmodifiableSet(EnumSet.noneOf(ProtocolCapability.class));
    }

    /** IV_CIPHERS split on ':' (empty entries dropped). */
    public List<String> ciphers() {
        return get("IV_CIPHERS").map(value -> split(value, ':')).orElse(List.of());
    }

    /** IV_NCP, when numeric. */
    public OptionalInt ncp() {
        return intValue("IV_NCP");
    }

    /** IV_MTU, when numeric. */
    public OptionalInt mtu() {
        return intValue("IV_MTU");
    }

    /** IV_SSO split on ','. */
    public List<String> ssoMethods() {
        return get("IV_SSO").map(value -> split(value, ',')).orElse(List.of());
    }

    /** The asymmetric peer-id {@code ID=<hex>}, when present and valid (0..0xFFFFFF). */
    public OptionalInt asymmetricPeerId() {
        Optional<String> id = get("ID");
        if (id.isEmpty() || id.get().isEmpty() || id.get().length() > 6) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(id.get(), 16));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerInfo that && variables.equals(that.variables)
                && List.copyOf(variables.keySet()).equals(List.copyOf(that.variables.keySet()));
    }

    @Override
    public int hashCode() {
        return variables.hashCode();
    }

    @Override
    public String toString() {
        return "PeerInfo" + variables;
    }

    /**
     * The IV_PLAT value for a Java {@code os.name} (read by the caller, not here): linux, mac, win,
     * freebsd, openbsd, netbsd, solaris; empty for anything else, and then IV_PLAT is left out.
     */
    public static Optional<String> platformOf(String osName) {
        String name = Objects.requireNonNull(osName, "osName").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return Optional.of("win");
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return Optional.of("mac");
        }
        if (name.startsWith("linux")) {
            return Optional.of("linux");
        }
        if (name.startsWith("freebsd")) {
            return Optional.of("freebsd");
        }
        if (name.startsWith("openbsd")) {
            return Optional.of("openbsd");
        }
        if (name.startsWith("netbsd")) {
            return Optional.of("netbsd");
        }
        if (name.startsWith("sunos") || name.startsWith("solaris")) {
            return Optional.of("solaris");
        }
        return Optional.empty();
    }

    /** A builder for the client's peer-info. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses peer-info text as received in a key-method-2 message. Never throws.
     *
     * <pre>
     *   split on '\n' ─> strip one trailing '\r' ─> blank? skip
     *     ─> any control character anywhere        ─> Malformed (whole text)
     *     ─> no '=' or bad name                     ─> warning, line skipped
     *     ─> NAME=value (a repeated NAME overrides) ─> kept
     * </pre>
     */
    public static PeerInfoParse parse(String text) {
        if (text == null) {
            return new PeerInfoParse.Malformed("no peer-info text");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            return new PeerInfoParse.Malformed("peer-info of " + text.length() + " characters is longer than "
                    + MAX_TEXT_CHARS);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            int lineNumber = index + 1;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    return new PeerInfoParse.Malformed(String.format(Locale.ROOT,
                            "control character 0x%02x in peer-info line %d", (int) c, lineNumber));
                }
            }
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                warnings.add("line " + lineNumber + " skipped: no '='");
                continue;
            }
            String name = line.substring(0, equals);
            if (!NAME.matcher(name).matches()) {
                warnings.add("line " + lineNumber + " skipped: bad variable name");
                continue;
            }
            if (variables.containsKey(name)) {
                warnings.add("line " + lineNumber + ": " + name + " given again, the later value wins");
                variables.remove(name);
            } else if (variables.size() >= MAX_VARIABLES) {
                return new PeerInfoParse.Malformed("more than " + MAX_VARIABLES + " peer-info variables");
            }
            variables.put(name, line.substring(equals + 1));
        }
        return new PeerInfoParse.Ok(new PeerInfo(variables), warnings);
    }

    private OptionalInt intValue(String name) {
        OptionalLong value = get(name).map(PeerInfo::parseUnsigned).orElse(OptionalLong.empty());
        return value.isPresent() && value.getAsLong() <= Integer.MAX_VALUE ? OptionalInt.of((int) value.getAsLong())
                : OptionalInt.empty();
    }

    private static OptionalLong parseUnsigned(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(Pattern.quote(String.valueOf(separator)))) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return List.copyOf(parts);
    }

    /**
     * Collects the client's peer-info. Only what the caller sets is written; {@code IV_TCPNL=1} is
     * on by default. Values with control characters (or ':' in a cipher, ',' in an SSO method) are
     * refused with {@link IllegalArgumentException}: they come from our own code, not the network.
     */
    public static final class Builder {
        private String version;
        private String platform;
        private String platformVersion;
        private String guiVersion;
        private boolean tcpNonLinear = true;
        private Integer mtu;
        private List<String> ciphers = List.of();
        private Set<ProtocolCapability> capabilities = EnumSet.noneOf(ProtocolCapability.class);
        private List<String> ssoMethods = List.of();
        private final Map<String, String> userVariables = new LinkedHashMap<>();

        private Builder() {}

        /** IV_VER, e.g. "2.6.12". */
        public Builder version(String version) {
            this.version = value(version, "IV_VER");
            return this;
        }

        /** IV_PLAT from a Java {@code os.name}; an unknown OS leaves IV_PLAT out (see {@link #platformOf}). */
        public Builder platformFromOsName(String osName) {
            this.platform = platformOf(osName).orElse(null);
            return this;
        }

        /** IV_PLAT verbatim (linux, mac, win, ...). */
        public Builder platform(String platform) {
            this.platform = value(platform, "IV_PLAT");
            return this;
        }

        /** IV_PLAT_VER, the OS release. */
        public Builder platformVersion(String platformVersion) {
            this.platformVersion = value(platformVersion, "IV_PLAT_VER");
            return this;
        }

        /** IV_GUI_VER, e.g. "Corridor_0.1.0". */
        public Builder guiVersion(String guiVersion) {
            this.guiVersion = value(guiVersion, "IV_GUI_VER");
            return this;
        }

        /** Whether to send IV_TCPNL=1 (default true). */
        public Builder tcpNonLinear(boolean tcpNonLinear) {
            this.tcpNonLinear = tcpNonLinear;
            return this;
        }

        /** IV_MTU, the largest tun-mtu the client accepts in a push. */
        public Builder mtu(int mtu) {
            if (mtu <= 0) {
                throw new IllegalArgumentException("IV_MTU must be positive");
            }
            this.mtu = mtu;
            return this;
        }

        /** IV_CIPHERS in preference order; also decides IV_NCP=2 (both AES-GCM sizes present). */
        public Builder ciphers(List<String> ciphers) {
            for (String cipher : ciphers) {
                value(cipher, "IV_CIPHERS entry");
                if (cipher.isEmpty() || cipher.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("bad cipher name: " + cipher);
                }
            }
            this.ciphers = List.copyOf(ciphers);
            return this;
        }

        /**
         * The implemented features for IV_PROTO. Pass only what the code really implements; a
         * non-empty set must include {@link ProtocolCapability#DATA_V2}.
         */
        public Builder capabilities(Set<ProtocolCapability> capabilities) {
            ProtocolCapability.encode(capabilities); // validates
            this.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(ProtocolCapability.class)
                    : EnumSet.copyOf(capabilities);
            return this;
        }

        /** IV_SSO methods (webauth, openurl, crtext, proxy); none leaves IV_SSO out. */
        public Builder ssoMethods(List<String> methods) {
            for (String method : methods) {
                if (!SSO_METHOD.matcher(method).matches()) {
                    throw new IllegalArgumentException("bad IV_SSO method: " + method);
                }
            }
            this.ssoMethods = List.copyOf(methods);
            return this;
        }

        /** A user variable; the name must start with {@code UV_}. */
        public Builder userVariable(String name, String value) {
            if (!name.startsWith("UV_") || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a user variable name is UV_ followed by letters, digits or _: " + name);
            }
            userVariables.put(name, value(value, name));
            return this;
        }

        /** The peer-info, in the order of the class comment. */
        public PeerInfo build() {
            Map<String, String> out = new LinkedHashMap<>();
            putIfSet(out, "IV_VER", version);
            putIfSet(out, "IV_PLAT", platform);
            if (tcpNonLinear) {
                out.put("IV_TCPNL", "1");
            }
            if (mtu != null) {
                out.put("IV_MTU", Integer.toString(mtu));
            }
            if (ciphers.contains("AES-128-GCM") && ciphers.contains("AES-256-GCM")) {
                out.put("IV_NCP", "2");
            }
            if (!ciphers.isEmpty()) {
                out.put("IV_CIPHERS", String.join(":", ciphers));
            }
            if (!capabilities.isEmpty()) {
                out.put("IV_PROTO", Integer.toString(ProtocolCapability.encode(capabilities)));
            }
            putIfSet(out, "IV_PLAT_VER", platformVersion);
            putIfSet(out, "IV_GUI_VER", guiVersion);
            if (!ssoMethods.isEmpty()) {
                out.put("IV_SSO", String.join(",", ssoMethods));
            }
            out.putAll(userVariables);
            return new PeerInfo(out);
        }

        private static void putIfSet(Map<String, String> out, String name, String value) {
            if (value != null) {
                out.put(name, value);
            }
        }

        private static String value(String value, String name) {
            Objects.requireNonNull(value, name);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    throw new IllegalArgumentException(name + " must not contain control characters");
                }
            }
            return value;
        }
    }
}
