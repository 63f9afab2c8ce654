package io.moments.helm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** values.schema.json rejects bad values before anything is rendered, and says what is wrong. */
class ValuesSchemaTest {

    static Stream<Arguments> badValuesFiles() {
        return Stream.of(
                Arguments.of("bad-holdout.yaml", List.of("/moments/policy/document/holdoutPercent", "maximum", "150")),
                Arguments.of("bad-upgrade-mode.yaml", List.of("/job/upgradeMode", "savepoint", "last-state", "stateless")),
                Arguments.of("missing-image-repository.yaml", List.of("/image", "missing property 'repository'")),
                Arguments.of("misspelled-top-level-key.yaml", List.of("additional properties 'parralelism' not allowed")),
                Arguments.of("bad-memory.yaml", List.of("/taskManager/resources/memory", "4 GB")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValuesFiles")
    void rejectsBadValuesFile(String file, List<String> expected) {
        String error = Chart.templateError(List.of(file), Map.of());
        assertThat(error).contains("values don't meet the specifications of the schema");
        assertThat(error).contains(expected);
    }

    static Stream<Arguments> badSets() {
        return Stream.of(
                Arguments.of(Map.of("image.repository", ""), List.of("/image/repository")),
                Arguments.of(Map.of("job.parallelism", 0), List.of("/job/parallelism", "minimum")),
                Arguments.of(Map.of("moments.policy.document.schema", "policy/v1", "moments.policy.document.version", "v2",
                        "moments.policy.document.holdoutPercent", -1), List.of("/moments/policy/document/holdoutPercent", "minimum")),
                Arguments.of(Map.of("moments.policy.document.schema", "policy/v1", "moments.policy.document.version", "v2",
                        "moments.policy.document.holdoutPercent", "ten"), List.of("/moments/policy/document/holdoutPercent")),
                Arguments.of(Map.of("moments.policy.document.schema", "policy/v1", "moments.policy.document.version", "v 2",
                        "moments.policy.document.holdoutPercent", 10), List.of("/moments/policy/document/version")),
                Arguments.of(Map.of("moments.policy.document.version", "v2", "moments.policy.document.holdoutPercent", 10),
                        List.of("/moments/policy/document", "schema")),
                Arguments.of(Map.of("moments.policy.document.schema", "policy/v2", "moments.policy.document.version", "v2",
                        "moments.policy.document.holdoutPercent", 10), List.of("/moments/policy/document/schema")),
                Arguments.of(Map.of("job.state", "stopped"), List.of("/job/state")),
                Arguments.of(Map.of("flinkVersion", "v1_20"), List.of("/flinkVersion")),
                Arguments.of(Map.of("state.checkpointDir", "checkpoints"), List.of("/state/checkpointDir")),
                Arguments.of(Map.of("state.checkpointInterval", "10 parsecs"), List.of("/state/checkpointInterval")),
                Arguments.of(Map.of("moments.kafka.bootstrapServers", "kafka"), List.of("/moments/kafka/bootstrapServers")),
                Arguments.of(Map.of("moments.kafka.securityProtocol", "SASL_TLS"), List.of("/moments/kafka/securityProtocol")),
                Arguments.of(Map.of("moments.kafka.sasl.mechanism", "SCRAM"), List.of("/moments/kafka/sasl/mechanism")),
                Arguments.of(Map.of("prometheusRule.deadLetterSpike.ratio", 1.5), List.of("/prometheusRule/deadLetterSpike/ratio")),
                Arguments.of(Map.of("jobManager.resources.cpu", 0), List.of("/jobManager/resources/cpu")),
                Arguments.of(Map.of("moments.topics.decisions", "has space"), List.of("/moments/topics/decisions")),
                Arguments.of(Map.of("moments.kafka.secretProperties[0].property", "Sasl Jaas",
                        "moments.kafka.secretProperties[0].secretName", "s",
                        "moments.kafka.secretProperties[0].secretKey", "k"), List.of("/moments/kafka/secretProperties/0/property")),
                Arguments.of(Map.of("moments.policy.holdoutPercent", 20), List.of("/moments/policy", "holdoutPercent")),
                Arguments.of(Map.of("securityContext.runAsUser", 0), List.of("/securityContext/runAsUser", "minimum")),
                Arguments.of(Map.of("prometheusRule.deadLetterSpike.ratio", 5), List.of("/prometheusRule/deadLetterSpike/ratio")),
                Arguments.of(Map.of("networkPolicy.egress.kafka.ports[0]", 70000), List.of("/networkPolicy/egress/kafka/ports/0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSets")
    void rejectsBadSet(Map<String, Object> sets, List<String> expected) {
        String error = Chart.templateError(List.of(), sets);
        assertThat(error).contains("values don't meet the specifications of the schema");
        assertThat(error).contains(expected);
    }

    /** helm --set passes decimals as strings: the schema accepts numeric strings where decimals are expected. */
    @org.junit.jupiter.api.Test
    void acceptsDecimalsFromSet() {
        var conf = Chart.template(List.of(), Map.of("prometheusRule.enabled", true, "prometheusRule.deadLetterSpike.ratio", 0.02,
                "taskManager.resources.cpu", 1.5, "jobManager.resources.cpu", "0.5")).one("FlinkDeployment").path("spec");
        assertThat(conf.path("jobManager").path("resource").path("cpu").asDouble()).isEqualTo(0.5);
        assertThat(conf.path("taskManager").path("resource").path("cpu").isNumber()).isTrue();
        assertThat(conf.path("taskManager").path("resource").path("cpu").asDouble()).isEqualTo(1.5);
    }

    /** Rules the schema cannot express are checked by the templates. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badCombinations")
    void rejectsBadCombination(Map<String, Object> sets, String expected) {
        assertThat(Chart.templateError(List.of(), sets)).contains(expected);
    }

    static Stream<Arguments> badCombinations() {
        return Stream.of(
                Arguments.of(Map.of("job.parallelism", 200), "job.parallelism (200) must not exceed job.maxParallelism (128)"),
                Arguments.of(Map.of("serviceAccount.create", false), "serviceAccount.name is required"),
                Arguments.of(Map.of("fullnameOverride", "a-very-long-name-that-flink-cannot-use-as-cluster-id"),
                        "/fullnameOverride"));
    }
}
