package io.moments.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPolicyTest {

    private static final Map<String, String> FLINK_PODS = Map.of("app", "moments", "type", "flink-native-kubernetes");

    private static Set<Integer> ports(JsonNode rule) {
        Set<Integer> ports = new TreeSet<>();
        rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
        return ports;
    }

    private static boolean fromOwnPods(JsonNode peers) {
        return peers.size() == 1 && peers.get(0).size() == 1 && peers.get(0).has("podSelector")
                && FLINK_PODS.equals(Chart.JSON.convertValue(peers.get(0).path("podSelector").path("matchLabels"), Map.class));
    }

    @Test
    void ingressOnlyToRestAndMetricsFromOutside() {
        JsonNode np = Chart.template().one("NetworkPolicy");
        JsonNode spec = np.path("spec");
        assertThat(Chart.JSON.convertValue(spec.path("podSelector").path("matchLabels"), Map.class)).isEqualTo(FLINK_PODS);
        assertThat(spec.path("policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");

        List<JsonNode> outside = new ArrayList<>();
        for (JsonNode rule : spec.path("ingress")) {
            if (fromOwnPods(rule.path("from"))) {
                continue; // JobManager <-> TaskManagers (RPC, blob, data exchange)
            }
            outside.add(rule);
            assertThat(rule.path("from").size()).as("every outside rule names its sources").isPositive();
            assertThat(ports(rule)).as("outside ingress ports").isNotEmpty().isSubsetOf(8081, 9249);
        }
        JsonNode rest = outside.stream().filter(r -> ports(r).equals(Set.of(8081))).findFirst().orElseThrow();
        assertThat(rest.path("from").get(0).path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())
                .isEqualTo("flink-operator");
        assertThat(rest.path("from")).hasSize(1); // no other REST client unless configured
        JsonNode metrics = outside.stream().filter(r -> ports(r).equals(Set.of(9249))).findFirst().orElseThrow();
        assertThat(metrics.path("from")).hasSize(1);
        assertThat(metrics.path("from").get(0).path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())
                .isEqualTo("monitoring");
    }

    @Test
    void egressToKafkaDnsAndKubernetesApi() {
        JsonNode egress = Chart.template().one("NetworkPolicy").path("spec").path("egress");
        List<Set<Integer>> rulePorts = new ArrayList<>();
        egress.forEach(r -> rulePorts.add(ports(r)));
        assertThat(rulePorts).contains(Set.of(9092, 9093), Set.of(53), Set.of(443, 6443));
        assertThat(egress).anySatisfy(r -> {
            assertThat(ports(r)).containsExactly(53);
            assertThat(r.path("ports")).extracting(p -> p.path("protocol").asText()).contains("UDP", "TCP");
        });
        // anything else only within the deployment
        assertThat(egress).allSatisfy(r -> assertThat(!ports(r).isEmpty() || fromOwnPods(r.path("to"))).isTrue());
    }

    @Test
    void configuredRestClientsAndBrokers() {
        JsonNode spec = Chart.template("secure-kafka.yaml").one("NetworkPolicy").path("spec");
        JsonNode rest = null;
        for (JsonNode rule : spec.path("ingress")) {
            if (ports(rule).equals(Set.of(8081))) {
                rest = rule;
            }
        }
        assertThat(rest).isNotNull();
        assertThat(rest.path("from")).anySatisfy(peer -> assertThat(
                peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText()).isEqualTo("flink-ui"));
        assertThat(spec.path("egress")).anySatisfy(r -> {
            assertThat(ports(r)).containsExactly(9096);
            assertThat(r.path("to").get(0).path("ipBlock").path("cidr").asText()).isEqualTo("10.20.0.0/16");
        });
    }

    @Test
    void canBeTurnedOff() {
        assertThat(Chart.template(List.of(), Map.of("networkPolicy.enabled", false)).kinds()).doesNotContain("NetworkPolicy");
    }
}
