package io.moments.sink;

import io.moments.decide.Trigger;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.moments.decide.DecisionHistory;
import io.moments.decide.Policy;
import io.moments.decide.PolicyEngine;
import io.moments.decide.ThompsonBandit;
import io.moments.ingest.Consent;
import io.moments.ingest.EventParser;
import io.moments.config.IngestLimits;
import io.moments.labels.LabelTrack;
import io.moments.models.LabelScores;
import io.moments.privacy.TcfStrings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the job writes validates against the JSON Schemas it publishes. */
class OutputContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path CONTRACTS = Path.of("src/main/resources/contracts");
    /** The first release's decision schema and examples, as they were published (commit aaa3583). */
    private static final Path FIRST_RELEASE = Path.of("src/test/resources/compat/decision-v1-0.1-aaa3583");

    private static Set<ValidationMessage> validate(String schemaFile, String json) throws Exception {
        return validate(CONTRACTS.resolve(schemaFile), json);
    }

    private static Set<ValidationMessage> validate(Path schemaFile, String json) throws Exception {
        JsonNode schemaNode = JSON.readTree(Files.readString(schemaFile));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode, config);
        return schema.validate(JSON.readTree(json));
    }

    @Test
    void decisionAndInputExamplesAgreeWithTheirSchemas() throws Exception {
        for (String prefix : new String[]{"decision", "interaction", "text", "media"}) {
            String schema = prefix + ".v1.schema.json";
            for (String kind : new String[]{"valid", "invalid"}) {
                try (Stream<Path> files = Files.list(CONTRACTS.resolve("examples").resolve(kind))) {
                    for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix + "-")).toList()) {
                        Set<ValidationMessage> errors = validate(schema, Files.readString(f));
                        if (kind.equals("valid")) {
                            assertThat(errors).as(f.toString()).isEmpty();
                        } else {
                            assertThat(errors).as(f + " must be refused by " + schema).isNotEmpty();
                        }
                    }
                }
            }
        }
    }

    /** The compatibility rule: decision/v1 only gains optional fields; what the first release wrote stays valid. */
    @Test
    void decisionsOfTheFirstReleaseStayValidAndNoFieldIsRemovedOrRetyped() throws Exception {
        try (Stream<Path> files = Files.list(FIRST_RELEASE)) {
            List<Path> examples = files.filter(p -> p.getFileName().toString().startsWith("decision-")).toList();
            assertThat(examples).hasSize(2);
            for (Path f : examples) {
                assertThat(validate("decision.v1.schema.json", Files.readString(f))).as(f.toString()).isEmpty();
            }
        }
        JsonNode before = JSON.readTree(Files.readString(FIRST_RELEASE.resolve("decision.v1.schema.json")));
        JsonNode now = JSON.readTree(Files.readString(CONTRACTS.resolve("decision.v1.schema.json")));
        Set<String> requiredBefore = new java.util.TreeSet<>();
        before.get("required").forEach(r -> requiredBefore.add(r.asText()));
        now.get("required").forEach(r -> assertThat(requiredBefore).as("a new required field breaks old records")
                .contains(r.asText()));
        before.get("properties").fields().forEachRemaining(p -> {
            JsonNode current = now.get("properties").get(p.getKey());
            assertThat(current).as("field " + p.getKey() + " removed").isNotNull();
            for (String keyword : new String[]{"type", "enum", "const", "format", "pattern"}) {
                assertThat(current.get(keyword)).as(p.getKey() + "." + keyword + " changed").isEqualTo(p.getValue().get(keyword));
            }
        });
    }

    @Test
    void aPersonalizedUsDecisionWithTargetingMatchesTheSchema() throws Exception {
        LabelTrack track = new LabelTrack();
        track.values = new LabelScores(0.7, 0.1, 0.2, 0, 0.3, 0);
        track.confidence = new LabelScores(0.8, 0.4, 0.5, 0, 0.6, 0);
        Consent us = new Consent(null, false, false, io.moments.privacy.GppStrings.builder().us("usnat").encode(), null, "US");
        int withTargeting = 0;
        for (int i = 0; i < 20; i++) {
            PolicyEngine.Verdict v = PolicyEngine.decide(Policy.defaultPolicy(), "us-session-" + i, 1_763_632_800_000L,
                    List.of(new Trigger("checkout_pause", "a")), track, us, new DecisionHistory(), new ThompsonBandit(),
                    1_763_632_810_000L);
            String json = JsonCodec.decisionJson(v.decision());
            assertThat(validate("decision.v1.schema.json", json)).as(json).isEmpty();
            withTargeting += JSON.readTree(json).has("targeting") ? 1 : 0;
        }
        assertThat(withTargeting).as("treatment sessions carry targeting").isGreaterThan(10);
    }

    @Test
    void decisionsMatchTheDecisionSchema() throws Exception {
        LabelTrack track = new LabelTrack();
        track.values = new LabelScores(0.7, 0.1, 0.2, 0, 0.3, 0);
        track.confidence = new LabelScores(0.8, 0.4, 0.5, 0, 0.6, 0);
        track.momentum = new LabelScores(0.3, -0.1, 0, 0, 0.05, 0);
        for (Consent consent : new Consent[]{new Consent(TcfStrings.withPurposes(1, 3, 4, 5, 6), false, false), null}) {
            PolicyEngine.Verdict v = PolicyEngine.decide(Policy.defaultPolicy(), "session-1", 1_763_632_800_000L,
                    List.of(new Trigger("checkout_pause", "a"), new Trigger("label:hesitation", "b")), track, consent,
                    new DecisionHistory(), new ThompsonBandit(), 1_763_632_810_000L);
            assertThat(validate("decision.v1.schema.json", JsonCodec.decisionJson(v.decision()))).isEmpty();
        }
    }

    @Test
    void deadLettersMatchTheDeadLetterSchema() throws Exception {
        EventParser parser = new EventParser(IngestLimits.DEFAULTS);
        String[] inputs = {
                "not json",
                "{\"schema\":\"media/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"kind\":\"video_frame\",\"data\":\"AAAA\"}",
                "{\"schema\":\"interaction/v1\",\"eventId\":\"e\",\"sessionId\":\"s\",\"ts\":1763632800000,\"type\":\"nope\"}"};
        for (String input : inputs) {
            var record = parser.parse(input.getBytes(StandardCharsets.UTF_8), "interactions", false, 1_763_700_000_000L);
            assertThat(validate("dead-letter.v1.schema.json", JsonCodec.deadLetterJson(record.deadLetter())))
                    .as(input).isEmpty();
        }
    }
}
