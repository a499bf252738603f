import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of {@code mvn package} (run by the exec plugin after the libraries are copied to target/lib):
 * rewrites every signed jar in the folder given without its signature, so that the JVM's class-data
 * sharing can archive its classes (it skips classes from signed jars) and no start verifies it again.
 *
 * <pre>
 *   signed jar:    META-INF/MANIFEST.MF (main section + one digest section per entry, ~0.8 MB for bcprov)
 *                  META-INF/NAME.SF, META-INF/NAME.RSA|.DSA|.EC   (the signature over those digests)
 *                  classes, resources
 *   written back:  META-INF/MANIFEST.MF (main section only: Multi-Release and the rest kept)
 *                  classes, resources (the same bytes, the same order and times)
 * </pre>
 *
 * <p>Corridor relies on no jar signature: OpenJDK does not require JCE providers to be signed, and the
 * classes are byte for byte those of the jar Maven resolved (checked by Maven's own checksums). A jar
 * without signature files is left alone, so a second run changes nothing.
 * Run as {@code java tools/StripJarSignatures.java FOLDER}.
 */
public final class StripJarSignatures {
    /** The signature files of a signed jar (JAR File Specification, "Signed JAR File"). */
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)",
            Pattern.CASE_INSENSITIVE);
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private StripJarSignatures() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: java tools/StripJarSignatures.java FOLDER-OF-JARS");
            System.exit(2);
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
            for (Path jar : jars) {
                if (isSigned(jar)) {
                    strip(jar);
                    System.out.println("StripJarSignatures: " + jar.getFileName() + " without its signature");
                }
            }
        }
    }

    private static boolean isSigned(Path jar) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (SIGNATURE.matcher(entry.getName()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void strip(Path jar) throws IOException {
        Path temporary = jar.resolveSibling(jar.getFileName() + ".unsigning");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temporary))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                if (SIGNATURE.matcher(name).matches()) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                if (name.equalsIgnoreCase(MANIFEST)) {
                    mainSectionOnly(in, out);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the manifest's main attributes only: the per-entry sections hold the digests the signature covered. */
    private static void mainSectionOnly(InputStream in, OutputStream out) throws IOException {
        Manifest signed = new Manifest(in);
        Manifest unsigned = new Manifest();
        unsigned.getMainAttributes().putAll(signed.getMainAttributes());
        unsigned.write(out);
    }
}
