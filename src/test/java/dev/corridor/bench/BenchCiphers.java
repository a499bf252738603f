package dev.corridor.bench;

import dev.corridor.protocol.data.DataCipher;

/** Turns a benchmark parameter such as {@code AES-256-CBC/SHA256} into a data-channel cipher. */
final class BenchCiphers {
    private BenchCiphers() {
    }

    static DataCipher parse(String parameter) {
        String[] parts = parameter.split("/", 2);
        String digest = parts.length == 2 ? parts[1] : "SHA1";
        return DataCipher.forName(parts[0], digest)
                .orElseThrow(() -> new IllegalArgumentException("unsupported cipher parameter " + parameter));
    }

    static byte[] key2() {
        byte[] key2 = new byte[256];
        for (int i = 0; i < key2.length; i++) {
            key2[i] = (byte) (i * 7 + 3);
        }
        return key2;
    }
}
