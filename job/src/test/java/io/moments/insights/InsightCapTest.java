package io.moments.insights;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InsightCapTest {

    private static final long LATENESS = 30 * 60_000;

    private static Insight row(String key, long sessions, boolean update) {
        InsightAccumulator a = new InsightAccumulator();
        a.sessions = sessions;
        return new Insight(0, 60_000, "page", key, a, update, 1);
    }

    @Test
    void keysBeyondTheCapFoldIntoOtherAndStateIsClearedAfterTheLateness() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new InsightCap(2, LATENESS)),
                (Insight i) -> i.dimension + "@" + i.windowStart, Types.STRING)) {
            h.open();
            h.processElement(row("/a", 5, false), 59_999);
            h.processElement(row("/b", 4, false), 59_999);
            h.processElement(row("/c", 3, false), 59_999);
            h.processElement(row("/d", 2, false), 59_999);
            h.processElement(row("/a", 6, true), 70_000); // an admitted key's late update passes as it is
            h.processElement(row("/c", 7, true), 70_000); // a folded key's update replaces its share of other
            List<Insight> out = h.extractOutputValues();
            assertThat(out).extracting(i -> i.key + " " + i.figures.sessions + " " + i.update).containsExactly(
                    "/a 5 false", "/b 4 false", "other 3 false", "other 5 true", "/a 6 true", "other 9 true");
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processWatermark(60_000 - 1 + LATENESS);
            assertThat(h.numKeyedStateEntries()).as("cleared when the window takes no more updates").isZero();
        }
    }
}
