package dev.corridor.protocol.tls;

import java.util.Objects;

/** The result of asking a TLS session for exported keying material (RFC 5705 / RFC 8446 §7.5). */
public sealed interface KeyingMaterialExport permits KeyingMaterialExport.Exported, KeyingMaterialExport.Unavailable {

    /** The exported bytes; a secret, so {@link #toString()} hides them. */
    record Exported(byte[] material) implements KeyingMaterialExport {
        public Exported {
            material = material.clone();
        }

        /** A copy of the bytes; wipe it once the keys are derived. */
        @Override
        public byte[] material() {
            return material.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Exported that && java.security.MessageDigest.isEqual(material, that.material);
        }

        @Override
        public int hashCode() {
            return material.length;
        }

        @Override
        public String toString() {
            return "Exported[" + material.length + " bytes, redacted]";
        }
    }

    /** Nothing could be exported; {@code reason} says why (handshake not done, no EMS, bad request). */
    record Unavailable(String reason) implements KeyingMaterialExport {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
