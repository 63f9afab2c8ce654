package io.moments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.cli.BenchCommand;
import io.moments.testing.FlinkTestSupport;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark harness runs the full job on its generated clickstream and reports its figures (no timing asserted). */
class ClickstreamBenchTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestSupport.miniCluster();

    @Test
    void reportsOneJsonLineWithItsFigures() throws Exception {
        String line = BenchCommand.clickstream(
                GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf")),
                24_000, 1, "hashmap");
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("bench").asText()).isEqualTo("clickstream");
        assertThat(n.get("events").asLong()).isEqualTo(24_000);
        assertThat(n.get("events_per_sec").asDouble()).isPositive();
        assertThat(n.get("events_per_sec_per_core").asDouble()).isPositive();
        // The peer ran on the same events, and vs_peer is the ratio of the two per-core figures.
        double peer = n.get("peer_events_per_sec_per_core").asDouble();
        assertThat(peer).isPositive();
        assertThat(n.get("vs_peer").asDouble())
                .isCloseTo(n.get("events_per_sec_per_core").asDouble() / peer, org.assertj.core.data.Offset.offset(0.02));
    }
}
