package io.moments.decide;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {

    private static final String DEFAULT = Policy.defaultPolicy().json();

    @Test
    void theShippedDefaultIsValid() throws Exception {
        Policy p = Policy.parse(DEFAULT);
        assertThat(p.version()).isEqualTo("default-v1");
        assertThat(p.rules()).isNotEmpty();
        assertThat(p.rules().get(p.rules().size() - 1).trigger()).isEqualTo("*");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String bad = DEFAULT.replace("\"holdoutPercent\":10", "\"holdoutPercent\":150")
                .replace("\"rearmBelow\":0.45", "\"rearmBelow\":0.9")
                .replace("\"suppressWhen\":{\"frustration\":0.5", "\"suppressWhen\":{\"frustration\":0.95")
                .replace("\"interventions\":[\"offer_help\"]", "\"interventions\":[\"free_pony\"]");
        assertThatThrownBy(() -> Policy.parse(bad))
                .isInstanceOf(Policy.InvalidPolicyException.class)
                .satisfies(e -> assertThat(((Policy.InvalidPolicyException) e).problems()).contains(
                        "holdoutPercent must be an integer within 0..100",
                        "labels.rearmBelow must be below labels.threshold",
                        "guardrails.suppressWhen.frustration is required and at most 0.7",
                        "rule rage: unknown intervention free_pony"));
    }

    @Test
    void guardrailsCannotBeSwitchedOff() {
        String noUrgency = DEFAULT.replace("\"pressureTactics\":[\"urgency\",\"scarcity\",\"countdown\"]",
                "\"pressureTactics\":[\"scarcity\",\"countdown\"]");
        assertThatThrownBy(() -> Policy.parse(noUrgency)).hasMessageContaining("pressureTactics must include urgency");
        String urgencyAsIntervention = DEFAULT.replace("\"default_content\":{", "\"urgency\":{\"safe\":false,\"adTone\":\"loud\"},\"default_content\":{");
        assertThatThrownBy(() -> Policy.parse(urgencyAsIntervention)).hasMessageContaining("intervention urgency is a pressure tactic");
    }

    @Test
    void rejectsNonJsonUnknownTriggersAndMissingCatchAll() {
        assertThatThrownBy(() -> Policy.parse("{not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Policy.parse(DEFAULT.replace("\"trigger\":\"rage_click\"", "\"trigger\":\"sneeze\"")))
                .hasMessageContaining("rule rage: unknown trigger 'sneeze'");
        assertThatThrownBy(() -> Policy.parse(DEFAULT.replace("{\"id\":\"fallback\",\"trigger\":\"*\",\"interventions\":[\"clarify_shipping_returns\"]}", "")
                .replace(",]", "]"))).hasMessageContaining("catch-all");
    }
}
