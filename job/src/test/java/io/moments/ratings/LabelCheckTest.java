package io.moments.ratings;

import io.moments.models.Label;
import io.moments.models.LabelScores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LabelCheckTest {

    /** Six moments in six sessions; hesitation rated at all, delight at the first three only. */
    private static final double[] HESITATION = {0.1, 0.4, 0.5, 0.65, 0.7, 0.9};
    private static final double[] RATED = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0};

    private static List<RatedMoment> moments() {
        List<RatedMoment> moments = new ArrayList<>();
        for (int i = 0; i < HESITATION.length; i++) {
            Map<Label, Double> truth = new EnumMap<>(Label.class);
            truth.put(Label.HESITATION, RATED[i]);
            if (i < 3) {
                truth.put(Label.DELIGHT, 0.5);
            }
            moments.add(new RatedMoment("s" + i, "e" + i, 1_000L * i, 0, truth, 1, i + 1));
        }
        return moments;
    }

    private static LabelScores[] predicted() {
        LabelScores[] p = new LabelScores[HESITATION.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = LabelScores.ZERO.with(Label.HESITATION, HESITATION[i]).with(Label.DELIGHT, 0.2 * i);
        }
        return p;
    }

    @Test
    void reportsEveryFigureOfEachRatedLabel() {
        LabelCheck.Report r = LabelCheck.evaluate(moments(), predicted(), 0.6, 200, 1);
        assertThat(r.labels()).extracting(LabelCheck.LabelReport::label).containsExactly(Label.HESITATION, Label.DELIGHT);
        LabelCheck.LabelReport h = r.of(Label.HESITATION);
        assertThat(h.n()).isEqualTo(6);
        assertThat(h.positives()).isEqualTo(3); // 0.6, 0.8, 1.0
        assertThat(h.spearman().value()).isEqualTo(1.0);
        assertThat(h.auc().value()).isEqualTo(1.0);
        // |0.1-0| + |0.4-0.2| + |0.5-0.4| + |0.65-0.6| + |0.7-0.8| + |0.9-1| = 0.65
        assertThat(h.mae().value()).isCloseTo(0.65 / 6, within(1e-12));
        LabelCheck.LabelReport d = r.of(Label.DELIGHT);
        assertThat(d.n()).isEqualTo(3);
        assertThat(d.positives()).isZero();
        assertThat(d.auc().value()).isNaN();
        assertThat(d.spearman().value()).isNaN(); // every rating 0.5
        assertThat(d.mae().value()).isCloseTo((0.5 + 0.3 + 0.1) / 3, within(1e-12));
        assertThat(r.moments()).isEqualTo(6);
        assertThat(r.sessions()).isEqualTo(6);
    }

    @Test
    void calibratesByTheJobsBands() {
        // The job's bands: low < 0.4 <= mid < 0.7 <= high.
        List<LabelCheck.Band> bands = LabelCheck.evaluate(moments(), predicted(), 0.6, 200, 1).of(Label.HESITATION).bands();
        assertThat(bands).extracting(LabelCheck.Band::name).containsExactly("low", "mid", "high");
        assertThat(bands).extracting(LabelCheck.Band::n).containsExactly(1, 3, 2);
        assertThat(bands.get(0).meanLabel()).isCloseTo(0.1, within(1e-12));
        assertThat(bands.get(0).meanRating().value()).isCloseTo(0.0, within(1e-12));
        assertThat(bands.get(1).meanLabel()).isCloseTo((0.4 + 0.5 + 0.65) / 3, within(1e-12));
        assertThat(bands.get(1).meanRating().value()).isCloseTo((0.2 + 0.4 + 0.6) / 3, within(1e-12));
        assertThat(bands.get(2).meanLabel()).isCloseTo(0.8, within(1e-12));
        assertThat(bands.get(2).meanRating().value()).isCloseTo(0.9, within(1e-12));
        for (LabelCheck.Band b : bands) {
            assertThat(b.meanRating().low()).isLessThanOrEqualTo(b.meanRating().value());
            assertThat(b.meanRating().high()).isGreaterThanOrEqualTo(b.meanRating().value());
            assertThat(b.meanRating().resamples()).isPositive().isLessThan(200); // a band is empty in some resamples
        }
    }

    @Test
    void theTextNamesEveryFigure() {
        String text = LabelCheck.text(LabelCheck.evaluate(moments(), predicted(), 0.6, 100, 5), "header");
        assertThat(text).startsWith("header\n").contains("spearman").contains("auc@0.6").contains("mae")
                .contains("100 resamples, seed 5").contains("calibration").contains("hesitation").contains("n/a");
        assertThat(text.lines()).noneMatch(l -> l.endsWith(" "));
    }
}
