package io.moments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The state benchmark snapshots a small population on its own MiniCluster and reports bytes per session. */
class StateBenchTest {

    @Test
    void reportsBytesPerActiveSession() throws Exception {
        String line = StateBench.run(
                GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf")), 60, 5);
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("bench").asText()).isEqualTo("state");
        assertThat(n.get("sessions").asInt()).isEqualTo(60);
        assertThat(n.get("baseline_sessions").asInt()).isEqualTo(5);
        assertThat(n.get("records").asInt()).isEqualTo(SessionPopulation.script(60, StateBench.SEED).size());
        assertThat(n.get("native_bytes").asLong()).isGreaterThan(n.get("native_baseline_bytes").asLong());
        assertThat(n.get("canonical_bytes").asLong()).isGreaterThan(n.get("canonical_baseline_bytes").asLong());
        assertThat(n.get("native_bytes_per_session").asLong()).isPositive();
        assertThat(n.get("canonical_bytes_per_session").asLong()).isPositive();
        // The seen event ids live in the session state: one keyed operator holds each session.
        assertThat(n.get("canonical_bytes_per_session_by_operator").has("session-decide")).isTrue();
        assertThat(n.get("canonical_bytes_per_session_by_operator").has("session-dedupe")).isFalse();
    }
}
