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
import io.moments.ingest.IngestLimits;
import io.moments.labels.LabelTrack;
import io.moments.models.LabelScores;
import io.moments.privacy.TcfStrings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the job writes validates against the JSON Schemas it publishes. */
class OutputContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Set<ValidationMessage> validate(String schemaFile, String json) throws Exception {
        JsonNode schemaNode = JSON.readTree(Files.readString(Path.of("src/main/resources/contracts", schemaFile)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode, config);
        return schema.validate(JSON.readTree(json));
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
