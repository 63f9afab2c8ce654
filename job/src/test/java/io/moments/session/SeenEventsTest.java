package io.moments.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeenEventsTest {

    private static final long HOUR = 3_600_000;

    @Test
    void aRepeatedIdIsRefusedAndNothingIsRecordedForIt() {
        SeenEvents seen = new SeenEvents();
        assertThat(seen.add("e-1", 1_000, HOUR)).isTrue();
        assertThat(seen.add("e-2", 2_000, HOUR)).isTrue();
        assertThat(seen.add("e-1", 1_000, HOUR)).isFalse();
        assertThat(seen.add("e-1", 5_000, HOUR)).as("same id, another time: still a repeat").isFalse();
        assertThat(seen.count()).isEqualTo(2);
    }

    @Test
    void idsOlderThanTheWindowBehindTheNewestAreForgotten() {
        SeenEvents seen = new SeenEvents();
        seen.add("old", 0, HOUR);
        seen.add("mid", HOUR / 2, HOUR);
        seen.add("new", HOUR + 1, HOUR); // "old" is now more than the window behind the newest
        assertThat(seen.count()).isEqualTo(2);
        assertThat(seen.add("old", 0, HOUR)).as("forgotten, so taken again").isTrue();
        assertThat(seen.add("mid", HOUR / 2, HOUR)).isFalse();
    }

    @Test
    void anIdArrivingBehindTheNewestIsRememberedWhileWithinTheWindow() {
        SeenEvents seen = new SeenEvents();
        seen.add("a", 10 * HOUR, HOUR);
        seen.add("late", 9 * HOUR + 600_000, HOUR); // arrives after "a", happened 50 minutes before it
        seen.add("b", 10 * HOUR + 1_000, HOUR);
        assertThat(seen.add("late", 9 * HOUR + 600_000, HOUR)).isFalse();
        seen.add("c", 10 * HOUR + 700_000, HOUR); // now more than the window behind the newest
        assertThat(seen.count()).isEqualTo(3);
    }
}
