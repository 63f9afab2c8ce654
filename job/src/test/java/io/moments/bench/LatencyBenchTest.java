package io.moments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency benchmark on a short run through a real broker in both delivery modes: it reports
 * decisions of every trigger kind the script makes, and the figures are consistent (a decision is
 * never visible before it is decided). No timing target is asserted.
 */
class LatencyBenchTest {

    @Test
    void bothDeliveryModesReportDecisionsOfEveryTriggerVisibleNoSoonerThanDecided() throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
        conf.setString("execution.checkpointing.interval", "1 s");
        conf.setString("metrics.reporter.prom.factory.class", "io.moments.local.LoopbackPrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", "19291-19300");
        conf.setString("rest.port", "0");

        JsonNode n = new ObjectMapper().readTree(LatencyBench.run(conf, 200, Duration.ofSeconds(60), Duration.ZERO));

        assertThat(n.get("bench").asText()).isEqualTo("latency");
        assertThat(n.get("delivery").asText()).isEqualTo("at-least-once"); // the shipped default comes first
        assertThat(n.get("other_delivery").get("delivery").asText()).isEqualTo("exactly-once");
        for (JsonNode mode : new JsonNode[]{n, n.get("other_delivery")}) {
            String name = mode.get("delivery").asText();
            assertThat(mode.get("decisions").asInt()).as("%s: moments after the warm-up were decided", name).isPositive();
            assertThat(mode.get("by_trigger").fieldNames()).toIterable().as(name)
                    .contains("pricing_contact", "form_error_loop", "checkout_pause");
            for (String p : new String[]{"p50", "p99", "p999"}) {
                assertThat(mode.get("visible_" + p + "_ms").asLong()).as("%s %s", name, p)
                        .isGreaterThanOrEqualTo(mode.get("decided_" + p + "_ms").asLong());
            }
            assertThat(mode.get("decided_p999_ms").asLong()).isGreaterThanOrEqualTo(mode.get("decided_p99_ms").asLong())
                    .isGreaterThanOrEqualTo(0);
        }
    }
}
