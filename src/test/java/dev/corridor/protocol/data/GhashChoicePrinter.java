package dev.corridor.protocol.data;

/** Run in a child JVM by {@link GhashTest}: prints the GHASH choice of that JVM and seals one AES-GCM packet with it. */
final class GhashChoicePrinter {
    private GhashChoicePrinter() {
    }

    public static void main(String[] args) {
        byte[] packet = new byte[64 + AeadPrimitive.TAG_LENGTH];
        new AesGcm(new byte[16]).seal(new byte[12], new byte[8], 0, 8, packet, 16, 64, packet, 16, packet, 0);
        String engine = AeadCipher.AES_256_GCM.implementation().substring(0, "SunJCE AES-GCM".length());
        System.out.println(GhashImplementation.CHOSEN + ": " + GhashImplementation.describeChoice()
                + "; AES-GCM sealed; AES-256-GCM uses " + engine);
    }
}
