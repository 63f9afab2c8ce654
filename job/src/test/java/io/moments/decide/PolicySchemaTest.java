package io.moments.decide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.config.ContractSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** policy/v1's JSON Schema: the policies we ship and test with pass it; each kind of mistake is refused with its path. */
class PolicySchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT = Policy.defaultPolicy().json();

    private static List<String> schemaProblems(String json) throws Exception {
        return PolicySchema.check(JSON.readTree(json)).stream().map(ContractSchema.Problem::text).toList();
    }

    private static List<String> refusal(String json) {
        try {
            Policy.parse(json);
        } catch (Policy.InvalidPolicyException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void theShippedDefaultAndEveryPolicyFileOfTheTestsValidate() throws Exception {
        assertThat(schemaProblems(DEFAULT)).isEmpty();
        int files = 0;
        for (Path root : List.of(Path.of("src/main/resources"), Path.of("src/test/resources"))) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path f : all.filter(p -> p.toString().endsWith(".json")).toList()) {
                    JsonNode doc = JSON.readTree(f.toFile());
                    if (doc.path("schema").asText().equals(Policy.SCHEMA)) {
                        assertThat(schemaProblems(doc.toString())).as(f.toString()).isEmpty();
                        assertThat(Policy.parse(doc.toString()).version()).as(f.toString()).isNotBlank();
                        files++;
                    }
                }
            }
        }
        assertThat(files).as("policy files found").isGreaterThanOrEqualTo(1);
    }

    @Test
    void theVariantsOtherTestsPublishValidate() throws Exception {
        for (String variant : List.of(
                DEFAULT.replace("\"enabled\":false", "\"enabled\":true"),
                DEFAULT.replace("\"holdoutPercent\":10", "\"holdoutPercent\":0"),
                DEFAULT.replace("\"interventions\":[\"simplify_form\",\"offer_help\"]", "\"interventions\":[\"offer_help\"]"),
                DEFAULT.replace("\"adTone\":\"reassuring\"", "\"adTone\":\"Reassure!\""))) {
            assertThat(schemaProblems(variant)).isEmpty();
            Policy.parse(variant);
        }
    }

    @Test
    void eachKindOfMistakeIsRefusedWithItsPath() {
        // wrong type
        assertThat(refusal(DEFAULT.replace("\"holdoutPercent\":10", "\"holdoutPercent\":\"10\"")))
                .contains("holdoutPercent must be an integer within 0..100");
        // an unknown field: a typo that would otherwise silently do nothing
        assertThat(refusal(DEFAULT.replace("\"interventions\":{", "\"interventons\":{}, \"interventions\":{")))
                .containsExactly("unknown field interventons");
        assertThat(refusal(DEFAULT.replace("\"expiresAfter\":\"2m\"", "\"expiresAfer\":\"2m\"")))
                .containsExactly("unknown field interventions.offer_help.expiresAfer");
        assertThat(refusal(DEFAULT.replace("{\"id\":\"rage\",", "{\"id\":\"rage\",\"stage\":[\"cart\"],")))
                .containsExactly("unknown field rules[6].stage");
        // a duration that is not one, and one out of range (the range is Java's)
        assertThat(refusal(DEFAULT.replace("\"default\":\"30s\"", "\"default\":\"30 seconds please\"")))
                .containsExactly("expiry.default must be a duration from 1s to 1d, such as \"30s\" or \"2 min\"");
        assertThat(refusal(DEFAULT.replace("\"default\":\"30s\"", "\"default\":\"500ms\"")))
                .containsExactly("expiry.default must be a duration from 1s to 1d, such as \"30s\" or \"2 min\"");
        // out-of-range weights
        assertThat(refusal(DEFAULT.replace("\"face\":0.6", "\"face\":1.6")))
                .containsExactly("labels.fusionWeights.face must be a number within 0..1");
        assertThat(refusal(DEFAULT.replace("\"price_sensitivity\":1.2", "\"price_sensitivity\":3.5")))
                .containsExactly("contextWeights.stage.consider.price_sensitivity must be a number within 0..3");
        // a missing required field
        assertThat(refusal(DEFAULT.replace("\"cooldownSeconds\":120", "\"cooldown\":120")))
                .containsExactlyInAnyOrder("caps.cooldownSeconds is required", "unknown field caps.cooldown");
        assertThat(refusal(DEFAULT.replace("\"safe\":true,\"adTone\":\"calm\",\"expiresAfter\"", "\"adTone\":\"calm\",\"expiresAfter\"")))
                .contains("interventions.offer_help.safe is required");
        // bad enums: a funnel stage, a label, a consent rule's opt-out
        assertThat(refusal(DEFAULT.replace("\"stages\":[\"cart\",\"checkout\"]", "\"stages\":[\"cart\",\"basket\"]")))
                .singleElement().asString().startsWith("rules[8].stages[1]: does not have a value in the enumeration");
        assertThat(refusal(DEFAULT.replace("\"label\":\"confusion\"", "\"label\":\"confused\"")))
                .singleElement().asString().startsWith("rules[3].label: does not have a value in the enumeration");
        assertThat(refusal(DEFAULT.replace("\"stage\":{\"consider\"", "\"stage\":{\"considering\"")))
                .singleElement().asString().startsWith("contextWeights.stage: property 'considering' name is not valid");
        // the guardrail floor and the holdout range
        assertThat(refusal(DEFAULT.replace("\"hesitation\":0.5}", "\"hesitation\":0.75}")))
                .containsExactly("guardrails.suppressWhen.hesitation is required and at most 0.7");
        assertThat(refusal(DEFAULT.replace("\"suppressWhen\":{\"frustration\":0.5,", "\"suppressWhen\":{")))
                .containsExactly("guardrails.suppressWhen.frustration is required and at most 0.7");
        // empty lists and maps
        assertThat(refusal(DEFAULT.replace("\"interventions\":[\"offer_help\"]", "\"interventions\":[]")))
                .singleElement().asString().startsWith("rules[6].interventions must have at least 1 items");
        assertThat(refusal(DEFAULT.replace("\"schema\":\"policy/v1\"", "\"schema\":\"policy/v2\"")))
                .containsExactly("schema must be policy/v1");
        assertThat(refusal(DEFAULT.replace("\"priorFailures\":1", "\"priorFailures\":0")))
                .containsExactly("learning.priorFailures must be positive");
    }

    @Test
    void aPatternOrConsentMistakeIsReportedOnceInTheWordsOfItsReader() {
        // the pattern reader names the pattern; the schema's report of the same field is left out
        assertThat(refusal(DEFAULT.replace("\"times\":3,\"contiguity\":\"strict\"", "\"times\":3,\"contiguity\":\"tight\"")))
                .containsExactly("pattern rage_click: steps[0].contiguity must be strict or relaxed",
                        // a refused pattern is no pattern of the policy: the rule naming it says so
                        "rule rage: unknown trigger 'rage_click' (neither label:<name> nor a pattern of this policy)");
        assertThat(refusal(DEFAULT.replace("\"rule\":\"opt-out\"", "\"rule\":\"opt-outt\"")))
                .containsExactly("consent.jurisdictions.us: rule must be opt-in or opt-out",
                        "consent.jurisdictions.us: an opt-in rule needs at least TCF purposes 1, 3, 4, 5 and 6");
        // what only the schema sees there is still reported
        assertThat(refusal(DEFAULT.replace("{\"id\":\"us\",", "{\"id\":\"us\",\"optOut\":[\"sale\"],")))
                .containsExactly("unknown field consent.jurisdictions[1].optOut");
    }

    @Test
    void everyProblemOfEveryStepIsReportedAtOnce() {
        String bad = DEFAULT.replace("\"holdoutPercent\":10", "\"holdoutPercent\":-1")
                .replace("\"interventions\":{", "\"interventons\":{}, \"interventions\":{")
                .replace("\"rearmBelow\":0.45", "\"rearmBelow\":0.7")
                .replace("\"interventions\":[\"offer_help\"]", "\"interventions\":[\"free_pony\"]");
        assertThat(refusal(bad)).containsExactly(
                "holdoutPercent must be an integer within 0..100",
                "unknown field interventons",
                "labels.rearmBelow must be below labels.threshold",
                "rule rage: unknown intervention free_pony");
    }

    @Test
    void javaChecksTheDurationSyntaxTheSchemaDoes() throws Exception {
        JsonNode schema = JSON.readTree(Files.readString(Path.of("src/main/resources/contracts/policy.v1.schema.json")));
        assertThat(schema.at("/$defs/duration/pattern").asText()).isEqualTo(Policy.DURATION.pattern());
        assertThat(schema.at("/$id").asText()).isEqualTo(PolicySchema.LOCATION);
    }

    @Test
    void pathsAreWrittenInDotsAndBrackets() throws Exception {
        assertThat(ContractSchema.dotted("")).isEmpty();
        assertThat(ContractSchema.dotted("/rules/2/interventions/0")).isEqualTo("rules[2].interventions[0]");
        assertThat(ContractSchema.dotted("/interventions/a~1b")).isEqualTo("interventions.a/b");
        assertThat(schemaProblems("{\"schema\": \"policy/v1\"}")).contains("version is required");
        assertThat(schemaProblems("[]")).singleElement().asString()
                .startsWith("policy: ").contains("object expected");
    }
}
