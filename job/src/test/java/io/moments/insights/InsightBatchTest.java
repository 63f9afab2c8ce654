package io.moments.insights;

import io.moments.models.LabelScores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InsightBatchTest {

    static final long T = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli();

    static Observation visit(long ts, String key, double hesitation) {
        Observation o = new Observation();
        o.dimension = InsightTracker.STEP;
        o.key = key;
        o.ts = ts;
        o.kind = Observation.VISIT;
        o.group = "treatment";
        o.labels = new LabelScores(hesitation, 0, 0, 0, 0, 0);
        o.bands = LabelBands.encode(o.labels);
        return o;
    }

    static Observation moment(long ts, String key, String trigger) {
        Observation o = visit(ts, key, 0);
        o.kind = Observation.MOMENT;
        o.labels = null;
        o.triggers = new String[] {trigger};
        o.action = "none";
        return o;
    }

    @Test
    void observationsOfOnePageAndWindowBecomeOnePartialWithTheSameFiguresAsOneByOne() {
        List<Observation> in = List.of(
                visit(T, "checkout:1", 0.2), visit(T + 59_999, "checkout:1", 0.9), moment(T + 5_000, "checkout:1", "checkout_pause"),
                visit(T + 60_000, "checkout:1", 0.4),   // the next window
                visit(T + 1_000, "checkout:2", 0.7));   // another step
        InsightBatch batch = new InsightBatch(Duration.ofMinutes(1));
        in.forEach(batch::add);
        assertThat(batch.size()).isEqualTo(3);

        List<InsightPartial> out = batch.drain();
        assertThat(out).extracting(p -> p.windowKey() + "@" + (p.windowStart - T) + " " + p.figures.sessions + " "
                + p.figures.moments()).containsExactly(
                "step|checkout:1@0 2 1", "step|checkout:1@60000 1 0", "step|checkout:2@0 1 0");
        InsightAccumulator oneByOne = new InsightAccumulator();
        in.subList(0, 3).forEach(oneByOne::add);
        assertThat(out.get(0).figures).usingRecursiveComparison().isEqualTo(oneByOne);
        assertThat(batch.size()).as("empty after a drain").isZero();
        assertThat(batch.drain()).isEmpty();
    }
}
