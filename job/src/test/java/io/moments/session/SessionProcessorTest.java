package io.moments.session;

import io.moments.decide.Decision;
import io.moments.decide.Policy;
import io.moments.decide.SessionOutcome;
import io.moments.friction.FrictionSettings;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.LabelSettings;
import io.moments.labels.SessionLabeler;
import io.moments.privacy.ErasureRequest;
import io.moments.testing.FlinkTestSupport;
import io.moments.testing.Shopper;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The session stage in Flink's operator test harness: ordering, decisions per moment, policy swap, expiry, erasure. */
class SessionProcessorTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final String DEFAULT_POLICY = Policy.defaultPolicy().json();

    static KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> harness() throws Exception {
        SessionProcessor fn = new SessionProcessor(new SessionLabeler(LabelSettings.DEFAULTS), FrictionSettings.DEFAULTS,
                DEFAULT_POLICY, IDLE, Duration.ofHours(6));
        KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> h = ProcessFunctionTestHarnesses
                .forKeyedBroadcastProcessFunction(fn, SessionInput::sessionId, Types.STRING, SessionProcessor.POLICY_STATE);
        h.open();
        return h;
    }

    private static List<SessionInput> script() {
        List<SessionInput> inputs = new ArrayList<>();
        Shopper s = Shopper.session("s1", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF);
        s.page("cart").after(3).step(1).after(3).act("form_error", "card").after(3).act("form_error", "card")
                .after(3).act("form_error", "card").after(3).act("form_error", "card");
        for (ShopperEvent e : s.events()) {
            inputs.add(SessionInput.of(e));
        }
        // The session operator detects a form-error loop at the third error and a checkout pause 30 s after the step.
        return inputs;
    }

    /** Decisions without their processing-time field, for comparing runs. */
    private static List<String> run(List<SessionInput> inputs) throws Exception {
        try (var h = harness()) {
            for (SessionInput in : inputs) {
                h.processElement(in, in.ts());
            }
            h.watermark(Long.MAX_VALUE - 1);
            List<String> out = new ArrayList<>();
            for (Decision d : h.extractOutputValues()) {
                out.add(d.decisionId() + " " + d.ts() + " " + Arrays.toString(d.triggers()) + " " + d.labels()
                        + " " + d.action().type() + " " + d.action().intervention() + " "
                        + Arrays.toString(d.action().suppressedTactics()) + " " + d.action().reason());
            }
            return out;
        }
    }

    @Test
    void everyMomentYieldsOneDecisionNamingItsTriggers() throws Exception {
        List<String> decisions = run(script());
        // The third form error both completes the loop and lifts frustration over the threshold:
        // one moment, one decision, both triggers named.
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0)).contains("[form_error_loop, label:frustration]").contains("simplify_form");
        assertThat(decisions.get(1)).contains("[checkout_pause]").contains("[urgency, scarcity, countdown]");
    }

    @Test
    void arrivalOrderWithinTheWatermarkDoesNotChangeDecisions() throws Exception {
        List<SessionInput> inOrder = script();
        List<String> expected = run(inOrder);
        for (long seed = 1; seed <= 5; seed++) {
            List<SessionInput> shuffled = FlinkTestSupport.shuffledWithin(inOrder, SessionInput::ts, 10_000, seed);
            assertThat(run(shuffled)).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void nothingIsDecidedBeforeTheWatermarkPassesTheMoment() throws Exception {
        try (var h = harness()) {
            for (SessionInput in : script()) {
                h.processElement(in, in.ts());
            }
            assertThat(h.extractOutputValues()).isEmpty();
            h.watermark(script().get(4).ts()); // the third form error
            assertThat(h.extractOutputValues()).extracting(d -> d.triggers()[0]).containsExactly("form_error_loop");
            assertThat(h.getSideOutput(SessionProcessor.AUDIT)).hasSize(1);
        }
    }

    @Test
    void aNewPolicyAppliesToTheNextMomentsWithoutARestart() throws Exception {
        String v2 = DEFAULT_POLICY.replace("\"version\":\"default-v1\"", "\"version\":\"calm-v2\"")
                .replace("\"interventions\":[\"simplify_form\",\"offer_help\"]", "\"interventions\":[\"offer_help\"]");
        try (var h = harness()) {
            List<SessionInput> inputs = script();
            for (SessionInput in : inputs) {
                h.processElement(in, in.ts());
            }
            h.watermark(inputs.get(4).ts());
            h.processBroadcastElement(v2, inputs.get(4).ts());
            h.watermark(Long.MAX_VALUE - 1);
            List<Decision> out = h.extractOutputValues();
            assertThat(out).extracting(Decision::policyVersion).containsExactly("default-v1", "calm-v2");
            assertThat(out.get(0).action().intervention()).isEqualTo("simplify_form");
        }
    }

    @Test
    void theFirstDecisionIsTheSessionsExposureAndIdleSessionsAreForgotten() throws Exception {
        try (var h = harness()) {
            List<SessionInput> inputs = script();
            for (SessionInput in : inputs) {
                h.processElement(in, in.ts());
            }
            long last = inputs.get(5).ts();
            h.watermark(last + 60_000);
            var outcomes = h.getSideOutput(SessionProcessor.OUTCOMES);
            assertThat(outcomes).hasSize(1);
            SessionOutcome exposure = outcomes.peek().getValue();
            assertThat(exposure.converted()).isFalse();
            assertThat(exposure.intervention()).isEqualTo("simplify_form");
            h.watermark(last + IDLE.toMillis());
            // Forgotten: the same event id is new again, and a new decision makes a new exposure.
            ShopperEvent e = Shopper.session("s1", "2026-11-20T11:00:00Z").act("form_error").events().get(0);
            for (int i = 0; i < 4; i++) {
                h.processElement(SessionInput.of(new ShopperEvent(e.schema(), "late-" + i, "s1", e.ts() + i * 2_000,
                        null, null, e.interaction(), null, null, null, null)), e.ts() + i * 2_000);
            }
            h.watermark(e.ts() + 10_000);
            assertThat(h.getSideOutput(SessionProcessor.OUTCOMES)).hasSize(2);
        }
    }

    @Test
    void aPurchaseAfterADecisionIsAConversion() throws Exception {
        try (var h = harness()) {
            List<SessionInput> inputs = new ArrayList<>(script());
            for (ShopperEvent e : Shopper.session("s1", "2026-11-20T10:01:30Z").act("purchase").events()) {
                inputs.add(SessionInput.of(new ShopperEvent(e.schema(), "buy-1", e.sessionId(), e.ts(), null, null,
                        e.interaction(), null, null, null, null)));
            }
            for (SessionInput in : inputs) {
                h.processElement(in, in.ts());
            }
            h.watermark(inputs.get(inputs.size() - 1).ts());
            List<SessionOutcome> outcomes = new ArrayList<>();
            h.getSideOutput(SessionProcessor.OUTCOMES).forEach(r -> outcomes.add(r.getValue()));
            assertThat(outcomes).extracting(SessionOutcome::converted).containsExactly(false, true);
            assertThat(outcomes.get(1).group()).isEqualTo(outcomes.get(0).group());
        }
    }

    @Test
    void erasureForgetsTheSessionAtOnce() throws Exception {
        try (var h = harness()) {
            List<SessionInput> inputs = script();
            for (SessionInput in : inputs.subList(0, 6)) {
                h.processElement(in, in.ts());
            }
            h.watermark(inputs.get(5).ts());
            assertThat(h.extractOutputValues()).hasSize(1); // form-error loop, frustration crossed
            h.processElement(SessionInput.of(new ErasureRequest("req-1", "s1", null, 0)), inputs.get(5).ts());
            assertThat(h.getSideOutput(SessionProcessor.ERASED)).hasSize(1);
            // The session starts from nothing: the same errors make a loop and cross frustration again.
            List<ShopperEvent> again = Shopper.session("s1", "2026-11-20T10:00:20Z").act("form_error").after(3)
                    .act("form_error").after(3).act("form_error").after(3).act("form_error").events();
            for (ShopperEvent e : again) {
                h.processElement(SessionInput.of(new ShopperEvent(e.schema(), "again-" + e.eventId(), e.sessionId(),
                        e.ts(), null, null, e.interaction(), null, null, null, null)), e.ts());
            }
            h.watermark(again.get(3).ts());
            assertThat(h.extractOutputValues()).extracting(d -> String.join(",", d.triggers()))
                    .containsExactly("form_error_loop,label:frustration", "form_error_loop,label:frustration");
        }
    }
}
