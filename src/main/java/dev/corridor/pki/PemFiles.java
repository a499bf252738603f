package dev.corridor.pki;

import dev.corridor.platform.AtomicFileWriter;
import dev.corridor.platform.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Saves certificates, keys and CRLs as PEM files and reads them back. Every file is replaced
 * atomically and is readable by its owner only (a missing parent folder is created owner-only too).
 */
public final class PemFiles {
    private final AtomicFileWriter writer;

    public PemFiles(AtomicFileWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Writes one certificate. */
    public void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        write(file, Pem.certificate(certificate));
    }

    /** Writes an unencrypted PKCS#8 private key. */
    public void writePrivateKey(Path file, PrivateKey key) throws IOException {
        write(file, Pem.privateKey(key));
    }

    /** Writes a certificate and its key to two files. */
    public void writeIssued(Path certificateFile, Path keyFile, IssuedCertificate issued) throws IOException {
        writeCertificate(certificateFile, issued.certificate());
        writePrivateKey(keyFile, issued.privateKey());
    }

    /** Writes a CRL. */
    public void writeCrl(Path file, X509CRL crl) throws IOException {
        write(file, Pem.crl(crl));
    }

    /** Reads the first certificate of a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException, PemException {
        return Pem.readCertificate(read(file));
    }

    /** Reads an unencrypted private key. */
    public static PrivateKey readPrivateKey(Path file) throws IOException, PemException {
        return Pem.readPrivateKey(read(file));
    }

    /** Reads a certificate and key written by {@link #writeIssued}. */
    public static IssuedCertificate readIssued(Path certificateFile, Path keyFile) throws IOException, PemException {
        return new IssuedCertificate(readCertificate(certificateFile), readPrivateKey(keyFile));
    }

    /** Reads a CRL. */
    public static X509CRL readCrl(Path file) throws IOException, PemException {
        return Pem.readCrl(read(file));
    }

    private void write(Path file, String pem) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            OwnerOnly.createFolder(folder);
        }
        writer.write(file, pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
