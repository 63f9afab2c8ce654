package io.moments.models.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probability → segment step alone (no model): hysteresis, minimum durations and padding. */
class SpeechSegmentsTest {

    private static final int W = SileroVad.WINDOW; // 32 ms
    private static final VadSettings S = VadSettings.DEFAULTS;

    private static float[] probs(String pattern) {
        // one character per 32 ms window: '#' = 0.9, '~' = 0.4 (between the two thresholds), '.' = 0.05
        float[] p = new float[pattern.length()];
        for (int i = 0; i < p.length; i++) {
            p[i] = switch (pattern.charAt(i)) {
                case '#' -> 0.9f;
                case '~' -> 0.4f;
                default -> 0.05f;
            };
        }
        return p;
    }

    private static List<int[]> seg(String pattern) {
        return SileroVad.segments(probs(pattern), pattern.length() * W, S);
    }

    @Test
    void silenceHasNoSegments() {
        assertThat(seg("..........")).isEmpty();
        assertThat(seg("~~~~~~~~~~")).isEmpty(); // never reaches the start threshold
    }

    @Test
    void oneSegmentIsPaddedBy30Ms() {
        List<int[]> s = seg("..........##########..........");
        assertThat(s).hasSize(1);
        assertThat(s.get(0)).containsExactly(10 * W - 480, 20 * W + 480);
    }

    @Test
    void speechShorterThanMinimumIsDropped() {
        // 7 windows = 224 ms < 250 ms
        assertThat(seg("..........#######..........")).isEmpty();
        assertThat(seg("..........#########..........")).hasSize(1);
    }

    @Test
    void shortSilencesDoNotSplitAndHysteresisHoldsSpeech() {
        // 3 windows (96 ms) < 100 ms of silence: one segment; '~' keeps speech going
        assertThat(seg("....##########...##########....")).hasSize(1);
        assertThat(seg("....##########~~~~~~~~##########....")).hasSize(1);
        // 10 windows (320 ms) of silence: two segments
        List<int[]> two = seg("....##########..........##########......");
        assertThat(two).hasSize(2);
        assertThat(Arrays.stream(two.get(1)).toArray()).containsExactly(24 * W - 480, 34 * W + 480);
    }

    @Test
    void speechRunningToTheEndEndsAtTheLastSample() {
        List<int[]> s = seg("....############");
        assertThat(s).hasSize(1);
        assertThat(s.get(0)[1]).isEqualTo(16 * W);
    }
}
