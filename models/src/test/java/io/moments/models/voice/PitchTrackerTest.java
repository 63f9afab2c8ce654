package io.moments.models.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PitchTrackerTest {

    @ParameterizedTest
    @ValueSource(doubles = {80, 110, 150, 196, 262, 330, 420})
    void recoversThePitchOfAPureTone(double hz) {
        float[] x = Fixtures.tone(hz, 0.2, 0.3);
        for (int offset = 0; offset + PitchTracker.FRAME <= x.length; offset += 500) {
            assertThat(PitchTracker.estimate(x, offset)).isCloseTo(hz, within(2.0));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {95, 140, 210, 300})
    void recoversTheFundamentalOfAHarmonicSignal(double hz) {
        // strong harmonics are where autocorrelation pitch trackers make octave errors
        float[] x = Fixtures.buzz(hz, 0.2, 0.3);
        assertThat(PitchTracker.estimate(x, 1000)).isCloseTo(hz, within(2.0));
    }

    @Test
    void noiseAndSilenceAreUnvoiced() {
        float[] noise = Fixtures.whiteNoise(0.5, 0.1, 7);
        int voiced = 0;
        int frames = 0;
        for (int offset = 0; offset + PitchTracker.FRAME <= noise.length; offset += 160) {
            frames++;
            if (!Double.isNaN(PitchTracker.estimate(noise, offset))) {
                voiced++;
            }
        }
        assertThat(voiced).isLessThanOrEqualTo(frames / 20);
        assertThat(PitchTracker.estimate(new float[PitchTracker.FRAME], 0)).isNaN();
        assertThat(PitchTracker.estimate(new float[10], 0)).isNaN();
    }

    @Test
    void aFrameEndingAtTheLastSampleStaysInBounds() {
        // unvoiced frames search the whole lag range, so they touch the last sample of the frame
        float[] noise = Fixtures.whiteNoise(0.1, 0.1, 9);
        assertThat(PitchTracker.estimate(noise, noise.length - PitchTracker.FRAME)).isNaN();
        assertThat(PitchTracker.estimate(noise, noise.length - PitchTracker.FRAME + 1)).isNaN();
        float[] x = Fixtures.concat(Fixtures.buzz(150, 0.5, 0.3), Fixtures.whiteNoise(0.5, 0.1, 10));
        ProsodyFeatures f = ProsodyExtractor.extract(x, java.util.List.of(new int[] {0, x.length}), -1);
        assertThat(f.pitchHz()).isCloseTo(150, within(2.0));
    }

    @Test
    void extractorReportsTheToneOfAVoicedSegment() {
        float[] x = Fixtures.buzz(180, 1.0, 0.3);
        ProsodyFeatures f = ProsodyExtractor.extract(x, java.util.List.of(new int[] {0, x.length}), -1);
        assertThat(f.pitchHz()).isCloseTo(180, within(2.0));
        assertThat(f.pitchSt()).isCloseTo(12 * Math.log(1.8) / Math.log(2), within(0.2));
        assertThat(f.pitchSdSt()).isLessThan(0.2);
        assertThat(f.energyDb()).isCloseTo(10 * Math.log10(ProsodyExtractor.meanSquare(x, 0, x.length)), within(0.5));
    }
}
