package dev.corridor.archfixture.protocol.keys;

import java.util.Calendar;
import java.util.Date;

/** Breaks protocol-reads-no-clock: the protocol reads the clock through new Date() and Calendar. */
public final class LegacyDateKeys {
    public long keyAgeMillis(long createdMillis) {
        return new Date().getTime() - createdMillis + Calendar.getInstance().get(Calendar.MILLISECOND) * 0L;
    }
}
