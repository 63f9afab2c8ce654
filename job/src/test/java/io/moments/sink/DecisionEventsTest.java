package io.moments.sink;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.moments.decide.Decision;
import io.moments.decide.DecisionHistory;
import io.moments.decide.Policy;
import io.moments.decide.PolicyEngine;
import io.moments.decide.ThompsonBandit;
import io.moments.decide.Trigger;
import io.moments.ingest.Consent;
import io.moments.labels.LabelTrack;
import io.moments.models.LabelScores;
import io.moments.privacy.TcfStrings;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

public class DecisionEventsTest {

    public static Decision decision() {
        LabelTrack track = new LabelTrack();
        track.values = new LabelScores(0.7, 0, 0, 0, 0, 0);
        track.confidence = new LabelScores(0.9, 0.9, 0.9, 0.9, 0.9, 0.9);
        return PolicyEngine.decide(Policy.defaultPolicy(), "s-ce-1", 1_763_632_800_000L,
                List.of(new Trigger("checkout_pause", "t")), track,
                new Consent(TcfStrings.withPurposes(1, 3, 4, 5, 6), false, false), new DecisionHistory(),
                new ThompsonBandit(), 1_763_632_800_400L).decision();
    }

    @Test
    void aDecisionIsABinaryModeCloudEventKeyedBySession() {
        Decision d = decision();
        DecisionEvents schema = new DecisionEvents("decisions", URI.create("/moments/test"));
        schema.open(null, null);
        ProducerRecord<byte[], byte[]> record = schema.serialize(d, null, null);

        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("s-ce-1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).as("the value is decision/v1, unchanged")
                .isEqualTo(JsonCodec.decisionJson(d));
        Map<String, String> headers = new TreeMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsEntry("ce_id", d.decisionId()).containsEntry("ce_source", "/moments/test")
                .containsEntry("ce_type", "io.moments.decision.v1").containsEntry("ce_specversion", "1.0")
                .containsEntry("content-type", "application/json")
                .containsEntry("ce_dataschema", "https://moments.example/contracts/decision.v1.schema.json")
                .containsKey("ce_time");

        CloudEvent back = new CloudEventDeserializer().deserialize("decisions", record.headers(), record.value());
        assertThat(back.getId()).isEqualTo(d.decisionId());
        assertThat(back.getTime().toInstant()).isEqualTo(Instant.ofEpochMilli(d.ts()));
        assertThat(back.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(back.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo(JsonCodec.decisionJson(d));
    }
}
