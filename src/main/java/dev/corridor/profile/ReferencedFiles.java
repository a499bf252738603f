package dev.corridor.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Supplies the content of files a profile names instead of inlining them ({@code ca ca.crt}).
 * Imports resolve them next to the profile; stored profiles are self-contained and resolve nothing.
 */
public interface ReferencedFiles {
    /** Largest referenced file read; key files and certificate chains are a few KB. */
    int MAX_BYTES = 1024 * 1024;

    /** The text of the file {@code reference}; the exception message says why it cannot be had. */
    String read(String reference) throws UnavailableException;

    /** A referenced file could not be read; the message is shown to the user after the file name. */
    final class UnavailableException extends Exception {
        private final Reason reason;

        public UnavailableException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** For stored profiles and text without a folder: every reference is refused. */
    ReferencedFiles NONE = reference -> {
        throw new UnavailableException(Reason.FILE_REFERENCE_NOT_ALLOWED,
                "this profile must be self-contained; put the file's content in an inline block instead");
    };

    /** Resolves relative references against {@code folder}, the folder holding the profile. */
    static ReferencedFiles inFolder(Path folder) {
        return reference -> {
            Path path;
            try {
                path = folder.resolve(reference).normalize();
            } catch (InvalidPathException e) {
                throw new UnavailableException(Reason.FILE_NOT_FOUND, "\"" + reference + "\" is not a valid path");
            }
            try {
                if (!Files.isRegularFile(path)) {
                    throw new UnavailableException(Reason.FILE_NOT_FOUND, path + " does not exist or is not a file");
                }
                if (Files.size(path) > MAX_BYTES) {
                    throw new UnavailableException(Reason.FILE_UNREADABLE, path + " is larger than " + MAX_BYTES
                            + " bytes");
                }
                byte[] bytes = Files.readAllBytes(path);
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (NoSuchFileException e) {
                throw new UnavailableException(Reason.FILE_NOT_FOUND, path + " does not exist");
            } catch (CharacterCodingException e) {
                throw new UnavailableException(Reason.FILE_UNREADABLE, path + " is not a text file");
            } catch (IOException e) {
                throw new UnavailableException(Reason.FILE_UNREADABLE, path + " cannot be read: " + e.getMessage());
            }
        };
    }
}
