package io.moments.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.moments.ingest.ShopperEvent;
import io.moments.testing.Shopper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class ModelScorerTest {

    /** The text cache's gauges, as an operator would see them in the model group. */
    @Test
    void theTextScorerReportsItsCache() throws Exception {
        Map<String, Gauge<?>> gauges = new HashMap<>();
        UnregisteredMetricsGroup group = new UnregisteredMetricsGroup() {
            @Override
            public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
                gauges.put(name, gauge);
                return gauge;
            }
        };
        List<ShopperEvent> events = Shopper.session("s", "2026-11-20T10:00:00Z")
                .text("search", "red running shoes").after(1).text("search", "red running shoes").events();
        try (ModelScorer scorer = ModelScorer.text(100)) {
            scorer.registerMetrics(group);
            assertThat(gauges).containsOnlyKeys("textCacheHits", "textCacheMisses", "textCacheHitRate", "textCacheEntries");
            assertThat(gauges.get("textCacheHitRate").getValue()).isEqualTo(0.0); // before the model loads
            scorer.open();
            List<Scorer.Result> first = scorer.score(events.subList(0, 1));
            List<Scorer.Result> second = scorer.score(events.subList(1, 2));
            assertThat(second.get(0).event().signal()).isEqualTo(first.get(0).event().signal());
            assertThat(gauges.get("textCacheHits").getValue()).isEqualTo(1L);
            assertThat(gauges.get("textCacheMisses").getValue()).isEqualTo(1L);
            assertThat(gauges.get("textCacheHitRate").getValue()).isEqualTo(0.5);
            assertThat(gauges.get("textCacheEntries").getValue()).isEqualTo(1);
        }
    }
}
