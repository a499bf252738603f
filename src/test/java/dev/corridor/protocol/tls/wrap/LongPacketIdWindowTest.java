package dev.corridor.protocol.tls.wrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The long-form replay window of protocol.md 5.6 and the matching send counter. */
class LongPacketIdWindowTest {
    private static final long T = 1_700_000_000L;
    private static final long NOW = 1_700_000_100L;

    private static LongPacketId id(long id, long time) {
        return new LongPacketId(id, time);
    }

    @Test
    void idZeroIsNeverValid() {
        assertThat(new LongPacketIdWindow().accept(id(0, T), NOW)).isFalse();
    }

    @Test
    void risingIdsAreAcceptedOnceEach() {
        LongPacketIdWindow window = new LongPacketIdWindow();
        for (long i = 1; i <= 200; i++) {
            assertThat(window.accept(id(i, T), NOW)).as("id %d", i).isTrue();
            assertThat(window.accept(id(i, T), NOW)).as("replay of %d", i).isFalse();
        }
    }

    @Test
    void lateIdsInsideTheWindowAreAcceptedOnce() {
        LongPacketIdWindow window = new LongPacketIdWindow();
        assertThat(window.accept(id(100, T), NOW)).isTrue();
        assertThat(window.accept(id(37, T), NOW)).isTrue();   // 100 - 37 = 63 < 64
        assertThat(window.accept(id(37, T), NOW)).isFalse();
        assertThat(window.accept(id(36, T), NOW)).isFalse();  // 64 back: outside the window
        assertThat(window.accept(id(99, T), NOW)).isTrue();
        assertThat(window.accept(id(99, T), NOW)).isFalse();
    }

    @Test
    void aBigJumpForgetsEverythingBehindIt() {
        LongPacketIdWindow window = new LongPacketIdWindow();
        assertThat(window.accept(id(5, T), NOW)).isTrue();
        assertThat(window.accept(id(1_000_000, T), NOW)).isTrue();
        assertThat(window.accept(id(999_937, T), NOW)).isTrue();
        assertThat(window.accept(id(999_936, T), NOW)).isFalse();
        assertThat(window.accept(id(6, T), NOW)).isFalse();
    }

    @Test
    void newerTimeResetsAndOlderTimeIsRejected() {
        LongPacketIdWindow window = new LongPacketIdWindow();
        assertThat(window.accept(id(500, T), NOW)).isTrue();
        assertThat(window.accept(id(1, T + 10), NOW)).isTrue();    // the peer restarted its counter
        assertThat(window.accept(id(2, T + 10), NOW)).isTrue();
        assertThat(window.accept(id(501, T), NOW)).isFalse();      // its old counter is dead now
        assertThat(window.accept(id(1, T + 10), NOW)).isFalse();
    }

    @Test
    void entriesExpireAfterTheBacktrackTime() {
        LongPacketIdWindow window = new LongPacketIdWindow();
        assertThat(window.accept(id(10, T), NOW)).isTrue();
        assertThat(window.accept(id(12, T), NOW + 10)).isTrue();
        // 11 is late but unseen: fine while nothing around it has expired
        assertThat(window.test(id(11, T), NOW + 15)).isTrue();
        // at NOW + 16, id 10 was seen more than 15 s ago: it and everything older expire
        assertThat(window.accept(id(9, T), NOW + 16)).isFalse();
        assertThat(window.accept(id(11, T), NOW + 16)).isTrue();   // newer than the expired entry
        assertThat(window.accept(id(13, T), NOW + 16)).isTrue();   // new ids are unaffected
        // at NOW + 26, id 12 (seen at NOW + 10) expires too
        assertThat(window.accept(id(14, T), NOW + 26)).isTrue();
    }

    @Test
    void testDoesNotRecord() {
        LongPacketIdWindow window = new LongPacketIdWindow();
        assertThat(window.test(id(3, T), NOW)).isTrue();
        assertThat(window.test(id(3, T), NOW)).isTrue();
        window.add(id(3, T), NOW);
        assertThat(window.test(id(3, T), NOW)).isFalse();
    }

    @Test
    void smallWindow() {
        LongPacketIdWindow window = new LongPacketIdWindow(4, 15);
        assertThat(window.accept(id(10, T), NOW)).isTrue();
        assertThat(window.accept(id(7, T), NOW)).isTrue();
        assertThat(window.accept(id(6, T), NOW)).isFalse();
        assertThatThrownBy(() -> new LongPacketIdWindow(0, 15)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LongPacketIdWindow(64, 601)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void counterStartsAtOneWithTheTimeOfTheFirstPacket() {
        LongPacketIdCounter counter = new LongPacketIdCounter();
        assertThat(counter.next(T)).isEqualTo(id(1, T));
        assertThat(counter.next(T + 5)).isEqualTo(id(2, T));
        assertThat(counter.next(T + 9)).isEqualTo(id(3, T));
    }

    @Test
    void counterRollsOverOnlyWhenTimeMovedOn() {
        LongPacketIdCounter nearEnd = new LongPacketIdCounter(LongPacketId.MAX - 1);
        assertThat(nearEnd.next(T)).isEqualTo(id(LongPacketId.MAX, T));
        assertThatThrownBy(() -> nearEnd.next(T)).isInstanceOf(IllegalStateException.class);
        assertThat(nearEnd.next(T + 1)).isEqualTo(id(1, T + 1));
    }

    @Test
    void counterCanStartLaterForTlsCryptV2EarlyNegotiation() {
        assertThat(new LongPacketIdCounter(0x0f00_0000L).next(T)).isEqualTo(id(0x0f00_0001L, T));
        assertThatThrownBy(() -> new LongPacketIdCounter(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireFormIsTwoBigEndianWords() {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8);
        id(0x01020304L, 0xA0B0C0D0L).writeTo(out);
        assertThat(out.array()).isEqualTo(WrapFixtures.hex("01020304 a0b0c0d0"));
        assertThat(LongPacketId.read(out.array(), 0)).isEqualTo(id(0x01020304L, 0xA0B0C0D0L));
        assertThatThrownBy(() -> id(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> id(0, 0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    }
}
