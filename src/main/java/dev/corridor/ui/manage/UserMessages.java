package dev.corridor.ui.manage;

import dev.corridor.profile.ProfileStoreException;
import dev.corridor.ui.Texts;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns a failure into one readable sentence in the window's language, never a stack trace: a
 * translated headline for the kind of failure, followed by the specific detail.
 */
final class UserMessages {
    private UserMessages() {}

    /** The sentence for a failed profile-store operation. */
    static String of(ProfileStoreException e, Texts texts) {
        String headline;
        switch (e.kind()) {
            case NOT_FOUND -> headline = texts.get("manage.error.notFound");
            case NAME_TAKEN -> headline = texts.get("manage.error.nameTaken");
            case ALREADY_IMPORTED -> headline = texts.get("manage.error.alreadyImported");
            case INVALID_NAME -> headline = texts.get("manage.error.invalidName");
            case INVALID_PROFILE -> headline = texts.get("manage.error.invalidProfile");
            default -> headline = texts.get("manage.error.storage");
        }
        return texts.format("manage.error.withDetail", headline, detail(e));
    }

    /** The sentence for any other failure. */
    static String of(Exception e, Texts texts) {
        if (e instanceof ProfileStoreException store) {
            return of(store, texts);
        }
        if (e instanceof NoSuchFileException missing) {
            return texts.format("manage.error.noSuchFile", missing.getFile());
        }
        if (e instanceof AccessDeniedException denied) {
            return texts.format("manage.error.accessDenied", denied.getFile());
        }
        if (e instanceof IOException) {
            return texts.format("manage.error.withDetail", texts.get("manage.error.disk"), detail(e));
        }
        return texts.format("manage.error.withDetail", texts.get("manage.error.unexpected"), detail(e));
    }

    private static String detail(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
