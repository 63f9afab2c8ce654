package io.moments.consumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.moments.decide.Decision;
import io.moments.sink.JsonCodec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class AdServerViewTest {

    private static CloudEvent event(String id, String type, String json) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/moments")).withType(type)
                .withData("application/json", json.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String decision(String expiresAt, boolean withTargeting, String group) {
        return "{\"schema\":\"decision/v1\",\"ts\":\"2026-12-01T10:00:00Z\",\"group\":\"" + group + "\","
                + "\"action\":{\"type\":\"intervention\"},\"labels\":{\"frustration\":0.9},\"expiresAt\":\"" + expiresAt + "\""
                + (withTargeting ? ",\"targeting\":{\"custParams\":\"mm_moment=buy&mm_tone=calm\"}" : "") + "}";
    }

    private static AdServerView at(String now) {
        return new AdServerView(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), 2);
    }

    @Test
    void appliesFreshTargetingAndNothingElseOfTheRecord() {
        AdServerView.Outcome o = at("2026-12-01T10:00:10Z").judge("s1",
                event("d1", "io.moments.decision.v1", decision("2026-12-01T10:00:30Z", true, "treatment")));
        assertThat(o.verdict()).isEqualTo(AdServerView.Verdict.APPLY);
        assertThat(o.custParams()).isEqualTo("mm_moment=buy&mm_tone=calm");
        assertThat(o.remaining().toSeconds()).isEqualTo(20);
        assertThat(DecisionConsumer.line(o)).doesNotContain("frustration").contains("cust_params=mm_moment=buy&mm_tone=calm");
    }

    @Test
    void dropsExpiredDuplicatesAndRecordsThatAreNotDecisions() {
        AdServerView view = at("2026-12-01T10:00:40Z");
        assertThat(view.judge("s1", event("d1", "io.moments.decision.v1", decision("2026-12-01T10:00:30Z", true, "treatment")))
                .verdict()).isEqualTo(AdServerView.Verdict.EXPIRED);
        assertThat(view.judge("s1", event("d1", "io.moments.decision.v1", decision("2026-12-01T10:01:30Z", true, "treatment")))
                .verdict()).as("same ce_id again").isEqualTo(AdServerView.Verdict.DUPLICATE);
        assertThat(view.judge("s1", event("x", "com.example.other", "{}")).verdict()).isEqualTo(AdServerView.Verdict.NOT_A_DECISION);
        assertThat(view.judge("s1", null).verdict()).isEqualTo(AdServerView.Verdict.NOT_A_DECISION);
        assertThat(view.judge("s1", event("bad", "io.moments.decision.v1", "not json")).detail()).isEqualTo("data is not JSON");
    }

    @Test
    void withoutTargetingTheAdServerKeepsItsDefaultAndSaysWhy() {
        AdServerView view = at("2026-12-01T10:00:00Z");
        assertThat(view.judge("s1", event("h", "io.moments.decision.v1", decision("2026-12-01T10:00:30Z", false, Decision.HOLDOUT))))
                .extracting(AdServerView.Outcome::verdict, AdServerView.Outcome::detail)
                .containsExactly(AdServerView.Verdict.DEFAULT, "holdout");
        assertThat(view.judge("s2", event("n", "io.moments.decision.v1", decision("2026-12-01T10:00:30Z", false, "treatment")))
                .detail()).isEqualTo("not personalized");
    }

    @Test
    void remembersABoundedNumberOfIds() {
        AdServerView view = at("2026-12-01T10:00:00Z");
        String fresh = decision("2026-12-01T10:00:30Z", true, "treatment");
        for (String id : new String[]{"a", "b", "c"}) {
            view.judge("s", event(id, "io.moments.decision.v1", fresh));
        }
        assertThat(view.judge("s", event("a", "io.moments.decision.v1", fresh)).verdict())
                .as("the oldest id was forgotten (capacity 2)").isEqualTo(AdServerView.Verdict.APPLY);
        assertThat(view.judge("s", event("c", "io.moments.decision.v1", fresh)).verdict()).isEqualTo(AdServerView.Verdict.DUPLICATE);
    }

    @Test
    void aRealDecisionRecordReadsBack() {
        Decision d = io.moments.sink.DecisionEventsTest.decision();
        AdServerView.Outcome o = new AdServerView(Clock.fixed(Instant.ofEpochMilli(d.ts() + 1_000), ZoneOffset.UTC), 10)
                .judge(d.sessionId(), event(d.decisionId(), "io.moments.decision.v1", JsonCodec.decisionJson(d)));
        assertThat(o.verdict()).isEqualTo(d.targeting() == null ? AdServerView.Verdict.DEFAULT : AdServerView.Verdict.APPLY);
        assertThat(o.remaining().toSeconds()).isEqualTo(29);
    }
}
