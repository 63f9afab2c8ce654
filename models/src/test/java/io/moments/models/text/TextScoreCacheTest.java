package io.moments.models.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.moments.models.LabelScores;
import io.moments.models.Modality;
import io.moments.models.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextScoreCacheTest {

    private static Signal signal(double frustration) {
        return new Signal(Modality.TEXT, new LabelScores(0, 0, frustration, 0, 0, 0), Signal.ALL_LABELS, 0.9, "t", "v");
    }

    @Test
    void keepsTheMostRecentlyUsedAndCountsHitsAndMisses() {
        TextScoreCache cache = new TextScoreCache(2);
        cache.put("a", signal(0.1));
        cache.put("b", signal(0.2));
        assertThat(cache.get("a")).isEqualTo(signal(0.1)); // a is now the most recent
        cache.put("c", signal(0.3));                         // evicts b, the least recent
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("c")).isEqualTo(signal(0.3));
        assertThat(cache.get("a")).isEqualTo(signal(0.1));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(3);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.get("A")).as("exact text, not case-folded").isNull();
    }

    @Test
    void zeroTurnsItOffAndNegativeIsRefused() {
        TextScoreCache off = new TextScoreCache(0);
        off.put("a", signal(0.1));
        assertThat(off.get("a")).isNull();
        assertThat(off.size()).isZero();
        assertThat(off.misses()).isEqualTo(1);
        assertThatThrownBy(() -> new TextScoreCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * With the real model: a cached signal is the one the model gives again (to 1e-6: the head's
     * floating-point sums vary that much with the size of its batch, cached or not); only misses reach
     * the model.
     */
    @Test
    void theModelAnswersRepeatsFromTheCacheWithTheSameSignal() {
        try (TextModel cached = TextModel.load(2); TextModel fresh = TextModel.load()) {
            cached.score(List.of("is this site legit?", "love it!"));
            List<io.moments.models.EmotionModel.Scored> again =
                    cached.score(List.of("is this site legit?", "where is my parcel", "is this site legit?"));
            assertThat(cached.cacheStats()).isEqualTo(new TextModel.CacheStats(2, 3, 2));
            assertThat(cached.cacheStats().hitRate()).isEqualTo(0.4);
            List<io.moments.models.EmotionModel.Scored> expected =
                    fresh.score(List.of("is this site legit?", "where is my parcel", "is this site legit?"));
            assertThat(again.get(0)).as("a hit is the stored signal itself").isEqualTo(again.get(2));
            for (int i = 0; i < expected.size(); i++) {
                Signal a = again.get(i).signal();
                Signal e = expected.get(i).signal();
                assertThat(a.confidence()).isCloseTo(e.confidence(), within(1e-6));
                for (io.moments.models.Label label : io.moments.models.Label.values()) {
                    assertThat(a.scores().get(label)).isCloseTo(e.scores().get(label), within(1e-6));
                }
                assertThat(a.version()).isEqualTo(e.version());
            }
            assertThat(fresh.cacheStats().hits()).isZero();
        }
    }
}
