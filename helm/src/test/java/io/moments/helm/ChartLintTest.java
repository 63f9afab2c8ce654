package io.moments.helm;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest {

    @Test
    void lintPassesStrictly() {
        LintResult result = Chart.helm().lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRender() {
        Chart.Rendered r = Chart.template();
        assertThat(r.kinds()).contains("FlinkDeployment", "ServiceAccount", "Role", "RoleBinding", "NetworkPolicy",
                "PodMonitor", "ConfigMap");
        // alert rules are opt-in (they need the Prometheus Operator CRDs and a Prometheus that selects them)
        assertThat(r.kinds()).doesNotContain("PrometheusRule");
    }
}
