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

    @Test
    void consentRulesExpiryAndAdFacingNamesAreChecked() {
        String bad = DEFAULT.replace("\"rule\":\"opt-out\"", "\"rule\":\"maybe\"")
                .replace("\"regions\":[\"US\"]", "\"regions\":[\"USA\"]")
                .replace("\"tcfPurposes\":[1,3,4,5,6],\"gppSections\"", "\"tcfPurposes\":[1,3],\"gppSections\"")
                .replace("\"fallback\":{\"id\":\"strict\",\"rule\":\"opt-in\"", "\"fallback\":{\"id\":\"strict\",\"rule\":\"opt-out\"")
                .replace("\"expiry\":{\"default\":\"30s\"}", "\"expiry\":{\"default\":\"forever\"}")
                .replace("\"expiresAfter\":\"2m\"", "\"expiresAfter\":\"2d\"")
                .replace("\"adTone\":\"upbeat\"", "\"adTone\":\"Delighted!\"")
                .replace("\"pressureTactics\":[\"urgency\",\"scarcity\",\"countdown\"]",
                        "\"pressureTactics\":[\"urgency\",\"scarcity\",\"countdown\",\"frustrated_now\"]");
        assertThatThrownBy(() -> Policy.parse(bad))
                .isInstanceOf(Policy.InvalidPolicyException.class)
                .satisfies(e -> assertThat(((Policy.InvalidPolicyException) e).problems()).contains(
                        "consent.jurisdictions.us: rule must be opt-in or opt-out",
                        "consent.jurisdictions.us: region \"USA\" is not an ISO 3166 code such as DE or US-CA",
                        "consent.jurisdictions.eu: an opt-in rule needs at least TCF purposes 1, 3, 4, 5 and 6",
                        "consent.fallback must be opt-in: an unknown jurisdiction gets the strict rule",
                        "expiry.default must be a duration from 1s to 1d, such as \"30s\" or \"2 min\"",
                        "interventions.offer_help.expiresAfter must be a duration from 1s to 1d, such as \"30s\" or \"2 min\"",
                        "interventions.recommend_complementary: adTone Delighted! names an emotion label (tones reach ad servers)",
                        "guardrails.pressureTactics: frustrated_now names an emotion label (tactics reach ad servers)"));
    }

    @Test
    void aPolicyWithoutConsentOrExpiryKeepsTheStrictRuleAndTheDefaultExpiry() throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(DEFAULT);
        root.remove("consent");
        root.remove("expiry");
        Policy p = Policy.parse(root.toString());
        assertThat(p.consent()).isEqualTo(io.moments.privacy.ConsentRules.STRICT);
        assertThat(p.expiryMs()).isEqualTo(Policy.DEFAULT_EXPIRY.toMillis());
        assertThat(p.intervention("offer_help").expiryMs()).isEqualTo(120_000);
    }
}
