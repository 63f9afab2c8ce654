package io.moments.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.bench.InferenceItems.Modality;
import io.moments.testing.FlinkTestSupport;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each modality runs batched, naive and bare on a few of its real inputs and reports its figures (no timing asserted). */
class InferenceBenchTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestSupport.miniCluster();

    @ParameterizedTest
    @EnumSource(Modality.class)
    void reportsOneJsonLineWithEveryWay(Modality modality) throws Exception {
        String line = InferenceBench.run(
                GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf")),
                modality, 20, 16, 1, Path.of("../models"));
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("bench").asText()).isEqualTo("inference");
        assertThat(n.get("modality").asText()).isEqualTo(modality.wireName());
        assertThat(n.get("items").asLong()).isEqualTo(20);
        assertThat(n.get("distinct_inputs").asInt()).isPositive();
        for (String way : new String[]{"batched", "naive", "bare"}) {
            assertThat(n.get(way + "_scored").asLong()).as(way + " scored every item").isEqualTo(36);
            assertThat(n.get(way + "_items_per_sec").asDouble()).as(way).isPositive();
        }
        assertThat(n.get("items_per_sec_per_core").asDouble()).isPositive();
        assertThat(n.get("batched_vs_naive").asDouble()).isPositive();
        assertThat(n.get("batched_vs_bare").asDouble()).isPositive();
        if (modality == Modality.TEXT) {
            assertThat(n.get("distinct_inputs").asInt()).as("the plain-style utterances").isEqualTo(1076);
            assertThat(n.get("cache_hit_items_per_sec").asDouble()).isPositive();
        } else {
            assertThat(n.has("cache_hit_items_per_sec")).isFalse();
        }
    }
}
