package io.moments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency benchmark on a short run through a real broker: it reports decisions, and their
 * latencies respect what the design implies (no timing target is asserted).
 */
class LatencyBenchTest {

    @Test
    void decisionsComeNoSoonerThanTheWatermarkBoundAndAreVisibleNoSoonerThanDecided() throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
        conf.setString("moments.watermark.idleness", "2 s");
        conf.setString("execution.checkpointing.interval", "1 s");
        conf.setString("metrics.reporter.prom.factory.class", "io.moments.local.LoopbackPrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", "19291-19300");
        conf.setString("rest.port", "0");

        JsonNode n = new ObjectMapper().readTree(LatencyBench.run(conf, 200, Duration.ofSeconds(40)));

        assertThat(n.get("bench").asText()).isEqualTo("latency");
        assertThat(n.get("decisions").asInt()).as("moments after the warm-up were decided").isPositive();
        long bound = n.get("out_of_orderness_ms").asLong();
        // A moment is decided once the watermark (newest event time − bound) passes it.
        assertThat(n.get("decided_p50_ms").asLong()).isGreaterThanOrEqualTo(bound - 1_000);
        assertThat(n.get("decided_p99_ms").asLong()).isGreaterThanOrEqualTo(n.get("decided_p50_ms").asLong());
        // read_committed sees a decision only after the checkpoint that commits it.
        assertThat(n.get("visible_p50_ms").asLong()).isGreaterThanOrEqualTo(n.get("decided_p50_ms").asLong());
        assertThat(n.get("visible_p99_ms").asLong()).isGreaterThanOrEqualTo(n.get("visible_p50_ms").asLong());
    }
}
