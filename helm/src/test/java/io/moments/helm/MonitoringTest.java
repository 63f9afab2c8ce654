package io.moments.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** PodMonitor, Grafana dashboard and alert rules. */
class MonitoringTest {

    private static final String OP = "flink_taskmanager_job_task_operator_";

    /**
     * The Prometheus names of the metrics the dashboard must show. Flink's reporter puts the key of a
     * key/value user group into the name and its value into a label: addGroup("type", t).counter("eventsIn")
     * is flink_taskmanager_job_task_operator_type_eventsIn{type="..."}.
     */
    static final List<String> DASHBOARD_METRICS = List.of(
            OP + "type_eventsIn",
            OP + "reason_deadLetters",
            OP + "pattern_frictionMatches",
            OP + "group_action_decisions",
            OP + "label_labelCrossings",
            OP + "activeSessions",
            OP + "policiesAccepted",
            OP + "policiesRejected",
            OP + "KafkaSourceReader_KafkaConsumer_records_lag_max",
            "flink_jobmanager_job_lastCheckpointDuration",
            "flink_jobmanager_job_numberOfFailedCheckpoints",
            "flink_jobmanager_job_numRestarts",
            "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
            "flink_taskmanager_job_task_isBackPressured",
            // inference metrics (per model); matched with or without the model_ key in the name
            "inferenceLatency",
            "batchSize",
            "queueDepth",
            "inferenceFailures",
            "textCacheHitRate",
            OP + "insightObservations",
            OP + "insightPartials");

    @Test
    void podMonitorScrapesTheReporterPortOfEveryFlinkPod() {
        Chart.Rendered r = Chart.template();
        JsonNode pm = r.one("PodMonitor");
        assertThat(pm.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        JsonNode selector = pm.path("spec").path("selector").path("matchLabels");
        assertThat(selector).isEqualTo(r.one("NetworkPolicy").path("spec").path("podSelector").path("matchLabels"));
        assertThat(selector.path("app").asText()).isEqualTo(r.one("FlinkDeployment").path("metadata").path("name").asText());
        assertThat(pm.path("spec").path("namespaceSelector").path("matchNames")).extracting(JsonNode::asText)
                .containsExactly(Chart.NAMESPACE);
        JsonNode endpoint = pm.path("spec").path("podMetricsEndpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("metrics");
        assertThat(endpoint.path("relabelings")).anySatisfy(l -> {
            assertThat(l.path("sourceLabels").get(0).asText()).isEqualTo("__meta_kubernetes_pod_label_app");
            assertThat(l.path("targetLabel").asText()).isEqualTo("flink_deployment");
        });
        // the named port is the reporter's port
        JsonNode fd = r.one("FlinkDeployment").path("spec");
        String reporterPort = fd.path("flinkConfiguration").path("metrics.reporter.prom.port").asText();
        assertThat(fd.path("podTemplate").path("spec").path("containers").get(0).path("ports")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("metrics");
            assertThat(p.path("containerPort").asText()).isEqualTo(reporterPort);
        });
    }

    @Test
    void dashboardConfigMapHoldsValidJsonWithEveryMetric() throws IOException {
        JsonNode cm = Chart.template().one("ConfigMap");
        assertThat(cm.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        String json = cm.path("data").path("moments.json").asText();
        JsonNode dashboard = Chart.JSON.readTree(json);
        assertThat(dashboard.path("title").asText()).isEqualTo("Moments");
        assertThat(dashboard.path("uid").asText()).isNotBlank();

        List<String> exprs = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("description").asText()).as("description of %s", panel.path("title")).isNotBlank();
            assertThat(panel.path("targets").size()).as("targets of %s", panel.path("title")).isPositive();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).isNotBlank();
                assertThat(balanced(expr)).as("balanced brackets in %s", expr).isTrue();
                // every query is scoped to the chosen deployment
                assertThat(expr).contains("namespace=\"$namespace\"", "flink_deployment=\"$deployment\"");
                exprs.add(expr);
            }
        }
        String all = String.join("\n", exprs);
        for (String metric : DASHBOARD_METRICS) {
            assertThat(all).as("a panel shows %s", metric).contains(metric);
        }
        // the three variables the queries use
        List<String> vars = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> vars.add(v.path("name").asText()));
        assertThat(vars).contains("datasource", "namespace", "deployment");
    }

    @Test
    void alertRulesAreOptInAndCoverTheRunbook() throws IOException {
        assertThat(Chart.template().kinds()).doesNotContain("PrometheusRule");
        JsonNode rule = Chart.template(List.of(), Map.of("prometheusRule.enabled", true)).one("PrometheusRule");
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        List<JsonNode> alerts = new ArrayList<>();
        rule.path("spec").path("groups").forEach(g -> g.path("rules").forEach(alerts::add));
        Map<String, String> expected = Map.of(
                "MomentsCheckpointFailures", "flink_jobmanager_job_numberOfFailedCheckpoints",
                "MomentsJobRestarting", "flink_jobmanager_job_numRestarts",
                "MomentsDeadLetterSpike", OP + "reason_deadLetters",
                "MomentsKafkaLagGrowing", OP + "KafkaSourceReader_KafkaConsumer_records_lag_max",
                "MomentsNoDecisions", OP + "group_action_decisions",
                "MomentsBackpressure", "flink_taskmanager_job_task_backPressuredTimeMsPerSecond");
        assertThat(alerts).extracting(a -> a.path("alert").asText()).containsExactlyInAnyOrderElementsOf(expected.keySet());

        String operations = Files.readString(Chart.repoRoot().resolve("docs/operations.md"));
        for (JsonNode alert : alerts) {
            String name = alert.path("alert").asText();
            String expr = alert.path("expr").asText();
            assertThat(expr).contains(expected.get(name)).contains("namespace=\"streaming\",flink_deployment=\"moments\"");
            assertThat(balanced(expr)).as(expr).isTrue();
            assertThat(alert.path("labels").path("severity").asText()).isIn("critical", "warning", "info");
            String runbook = alert.path("annotations").path("runbook").asText();
            assertThat(runbook).isEqualTo("docs/operations.md#alert-" + name.toLowerCase(Locale.ROOT));
            assertThat(operations).as("docs/operations.md explains %s", name).contains("### Alert: " + name);
        }
        // one alert can be switched off on its own
        JsonNode fewer = Chart.template(List.of(), Map.of("prometheusRule.enabled", true, "prometheusRule.backpressure.enabled", false))
                .one("PrometheusRule");
        assertThat(fewer.toString()).doesNotContain("MomentsBackpressure").contains("MomentsNoDecisions");
    }

    @Test
    void dashboardAndMonitorCanBeTurnedOff() {
        Chart.Rendered r = Chart.template(List.of(), Map.of("dashboard.enabled", false, "podMonitor.enabled", false));
        assertThat(r.kinds()).doesNotContain("PodMonitor", "ConfigMap");
    }

    private static boolean balanced(String expr) {
        int round = 0;
        int curly = 0;
        int square = 0;
        boolean quoted = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' && (i == 0 || expr.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (quoted) {
                continue;
            }
            switch (c) {
                case '(' -> round++;
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '[' -> square++;
                case ']' -> square--;
                default -> { }
            }
            if (round < 0 || curly < 0 || square < 0) {
                return false;
            }
        }
        return round == 0 && curly == 0 && square == 0 && !quoted;
    }
}
