package io.moments.insights;

import io.moments.models.Label;
import io.moments.models.LabelScores;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InsightAccumulatorTest {

    private static Observation visit(double frustration, String group) {
        Observation o = new Observation();
        o.kind = Observation.VISIT;
        o.group = group;
        o.labels = new LabelScores(0, 0, frustration, 0, 0, 0);
        o.bands = LabelBands.encode(o.labels);
        return o;
    }

    private static Observation moment(String action, String group, String... triggers) {
        Observation o = new Observation();
        o.kind = Observation.MOMENT;
        o.group = group;
        o.triggers = triggers;
        o.action = action;
        return o;
    }

    @Test
    void meansP90sRatesAndBandsFromTheObservations() {
        InsightAccumulator a = new InsightAccumulator();
        for (int i = 1; i <= 10; i++) {
            a.add(visit(i / 10.0 - 0.01, i % 2 == 0 ? "holdout" : "treatment")); // 0.09, 0.19, ..., 0.99
        }
        a.add(moment("offer_help", "treatment", "rage_click", "label:frustration"));
        a.add(moment("none", "holdout", "rage_click"));
        Observation conversion = new Observation();
        conversion.kind = Observation.CONVERSION;
        conversion.group = "treatment";
        conversion.bands = LabelBands.encode(new LabelScores(0, 0, 0.95, 0, 0, 0));
        a.add(conversion);

        assertThat(a.sessions).isEqualTo(10);
        assertThat(a.mean(Label.FRUSTRATION)).isCloseTo(0.54, within(1e-9));
        assertThat(a.p90(Label.FRUSTRATION)).as("9th of 10 values, 0.89, in the bin up to 0.90").isEqualTo(0.9);
        assertThat(a.p90(Label.HESITATION)).isEqualTo(0.05);
        assertThat(a.moments()).isEqualTo(3);
        assertThat(a.triggers.names).containsExactly("rage_click", "label:frustration");
        assertThat(a.triggers.counts).containsExactly(2, 1);
        assertThat(a.actions.names).containsExactly("offer_help", "none");
        assertThat(a.treatmentDecisions).isEqualTo(1);
        assertThat(a.holdoutDecisions).isEqualTo(1);
        assertThat(a.conversionRate()).isEqualTo(0.1);
        // frustration 0.79, 0.89, 0.99 are high: 0.89 (i = 9) in treatment, 0.79 and 0.99 in the holdout
        assertThat(a.bandSessions(Label.FRUSTRATION, 2, 0)).isEqualTo(1);
        assertThat(a.bandSessions(Label.FRUSTRATION, 2, 1)).isEqualTo(2);
        assertThat(a.bandConversions(Label.FRUSTRATION, 2, 0)).isEqualTo(1);
    }

    @Test
    void mergingIsAddingAndLeavesBothSidesAlone() {
        InsightAccumulator a = new InsightAccumulator();
        a.add(visit(0.2, "treatment"));
        a.add(moment("offer_help", "treatment", "rage_click"));
        InsightAccumulator b = new InsightAccumulator();
        b.add(visit(0.8, "holdout"));
        b.add(moment("none", "holdout", "checkout_pause", "rage_click"));
        InsightAccumulator m = a.merge(b);
        assertThat(m.sessions).isEqualTo(2);
        assertThat(m.triggers.names).containsExactly("rage_click", "checkout_pause");
        assertThat(m.triggers.counts).containsExactly(2, 1);
        assertThat(m.mean(Label.FRUSTRATION)).isCloseTo(0.5, within(1e-9));
        assertThat(a.sessions).isEqualTo(1);
        assertThat(a.triggers.names).containsExactly("rage_click");
        assertThat(b.triggers.counts).containsExactly(1, 1);
    }

    @Test
    void bandsFollowTheFrozenOrderNotTheEnum() {
        assertThat(LabelBands.ORDER).hasSameSizeAs(Label.values());
        for (Label label : Label.values()) {
            assertThat(LabelBands.ORDER.get(LabelBands.index(label))).isEqualTo(label.wireName());
        }
        assertThat(LabelBands.band("lmh", 5)).as("a string written before a label existed").isEqualTo(-1);
    }
}
