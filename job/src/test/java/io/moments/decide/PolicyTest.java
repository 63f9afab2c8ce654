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

    // The steps of parse, one at a time.

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    }

    @Test
    void readingANonObjectStopsAtOnce() {
        assertThatThrownBy(() -> Policy.readObject("[1, 2]")).hasMessage("a policy is a JSON object");
        assertThatThrownBy(() -> Policy.readObject("")).hasMessage("a policy is a JSON object");
    }

    @Test
    void durationsAreCheckedForRangeAndLeftToTheSchemaForSyntax() throws Exception {
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.time.Duration otherwise = java.time.Duration.ofSeconds(30);
        assertThat(Policy.duration(tree("\"2 min\""), "x", otherwise, problems)).isEqualTo(120_000);
        assertThat(Policy.duration(tree("\"1d\""), "x", otherwise, problems)).isEqualTo(86_400_000);
        assertThat(Policy.duration(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), "x", otherwise, problems))
                .isEqualTo(30_000);
        assertThat(problems).isEmpty();
        assertThat(Policy.duration(tree("\"soon\""), "x", otherwise, problems)).isEqualTo(30_000);
        assertThat(problems).as("not a duration: the schema's to report").isEmpty();
        assertThat(Policy.duration(tree("\"999ms\""), "a.b", otherwise, problems)).isEqualTo(30_000);
        assertThat(Policy.duration(tree("\"25h\""), "a.c", otherwise, problems)).isEqualTo(30_000);
        assertThat(problems).containsExactly(
                "a.b must be a duration from 1s to 1d, such as \"30s\" or \"2 min\"",
                "a.c must be a duration from 1s to 1d, such as \"30s\" or \"2 min\"");
    }

    @Test
    void sectionsReadIntoRecords() throws Exception {
        Policy.Sections s = Policy.Sections.read(tree(DEFAULT), java.time.Duration.ofMinutes(30), new java.util.ArrayList<>());
        assertThat(s.caps()).isEqualTo(new Policy.Caps(3, 600_000, 120_000));
        assertThat(s.ambiguity()).isEqualTo(new Policy.Ambiguity(0.5, 0.1));
        assertThat(s.defaults()).isEqualTo(new Policy.Defaults("clarify_shipping_returns", "default_content"));
        assertThat(s.guardrails().suppressWhen()).containsEntry(io.moments.models.Label.FRUSTRATION, 0.5).hasSize(2);
        assertThat(s.weights().stage().get(io.moments.labels.FunnelStage.CHECKOUT))
                .containsEntry(io.moments.models.Label.TRUST_CONCERN, 1.3);
        assertThat(s.labels()).isEqualTo(new io.moments.labels.LabelRules(0.6, 0.45, 1.0, 0.8, 0.6, 0.5, 0.4));
        assertThat(s.interventions().get("offer_help")).isEqualTo(new Policy.Intervention("offer_help", true, "calm", 120_000));
        assertThat(s.interventions().get("offer_discount").expiryMs()).isEqualTo(30_000);
        Policy.Rule hesitation = s.rules().get(8);
        assertThat(hesitation.stages()).containsExactlyInAnyOrder(io.moments.labels.FunnelStage.CART,
                io.moments.labels.FunnelStage.CHECKOUT);
        assertThat(s.rules().get(0).label()).isEqualTo(io.moments.models.Label.PRICE_SENSITIVITY);
        assertThat(s.rules().get(s.rules().size() - 1).isCatchAll()).isTrue();
        assertThat(hesitation.isCatchAll()).isFalse();
        assertThat(s.patternProblems()).isEmpty();
        assertThat(s.consentProblems()).isEmpty();
    }

    @Test
    void learningDefaultsToOffWithPriorsOfOne() throws Exception {
        assertThat(Policy.learning(tree("{}"))).isEqualTo(new Policy.Learning(false, 1, 1, 1_800_000));
        assertThat(Policy.learning(tree("{\"enabled\":true,\"priorSuccesses\":2,\"attributionWindowSeconds\":60}")))
                .isEqualTo(new Policy.Learning(true, 2, 1, 60_000));
    }

    @Test
    void crossFieldChecksEachSayWhatIsWrong() throws Exception {
        Policy.Sections s = Policy.Sections.read(tree(DEFAULT), java.time.Duration.ofMinutes(30), new java.util.ArrayList<>());
        assertThat(Policy.crossFieldProblems(s)).isEmpty();
        java.util.List<String> problems = new java.util.ArrayList<>();
        Policy.CrossField.defaultsAreSafe(new Policy.Defaults("offer_discount", "nothing"), s.interventions(), problems);
        assertThat(problems).containsExactly("default intervention offer_discount must be a defined, safe intervention",
                "default intervention nothing must be a defined, safe intervention");
        problems.clear();
        java.util.List<Policy.Rule> rules = new java.util.ArrayList<>(s.rules().subList(0, 2));
        rules.add(new Policy.Rule("pause-price", "label:sleepy", null, java.util.Set.of(), java.util.Set.of(), java.util.List.of("show_value")));
        Policy.CrossField.rulesAreConsistent(rules, s.interventions(), s.patterns(), problems);
        assertThat(problems).containsExactly("every rule needs a unique id (pause-price)",
                "rule pause-price: unknown trigger 'label:sleepy' (neither label:<name> nor a pattern of this policy)",
                "rules need a final catch-all rule (trigger \"*\" with no other matcher)");
        problems.clear();
        Policy.CrossField.rearmBelowThreshold(new io.moments.labels.LabelRules(0.5, 0.5, 1, 1, 1, 1, 0.4), problems);
        assertThat(problems).containsExactly("labels.rearmBelow must be below labels.threshold");
    }
}
