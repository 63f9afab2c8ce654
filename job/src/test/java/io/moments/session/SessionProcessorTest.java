package io.moments.session;

import io.moments.decide.Decision;
import io.moments.decide.DefaultPolicy;
import io.moments.decide.PolicySettings;
import io.moments.friction.FrictionMoment;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.LabelSettings;
import io.moments.labels.SessionLabeler;
import io.moments.testing.FlinkTestSupport;
import io.moments.testing.Shopper;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The session stage in Flink's operator test harness: ordering, decisions per moment, expiry. */
class SessionProcessorTest {

    private static final Duration IDLE = Duration.ofMinutes(30);

    private static KeyedOneInputStreamOperatorTestHarness<String, SessionInput, Decision> harness() throws Exception {
        SessionProcessor fn = new SessionProcessor(new SessionLabeler(LabelSettings.DEFAULTS),
                new DefaultPolicy(PolicySettings.DEFAULTS), IDLE, Duration.ofHours(6));
        KeyedOneInputStreamOperatorTestHarness<String, SessionInput, Decision> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), SessionInput::sessionId, Types.STRING);
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
        long stepTs = s.events().get(1).ts();
        long lastError = s.events().get(5).ts();
        inputs.add(SessionInput.of(new FrictionMoment("s1", "form_error_loop", stepTs + 9_000, stepTs + 3_000, "3 form errors")));
        inputs.add(SessionInput.of(new FrictionMoment("s1", "checkout_pause", stepTs + 30_000, stepTs, "checkout step 1")));
        assertThat(lastError).isLessThan(stepTs + 30_000);
        return inputs;
    }

    /** Decisions without their processing-time field, for comparing runs. */
    private static List<String> run(List<SessionInput> inputs) throws Exception {
        try (var h = harness()) {
            for (SessionInput in : inputs) {
                h.processElement(new StreamRecord<>(in, in.ts()));
            }
            h.processWatermark(Long.MAX_VALUE - 1);
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
                h.processElement(new StreamRecord<>(in, in.ts()));
            }
            assertThat(h.extractOutputValues()).isEmpty();
            long firstMoment = script().get(6).ts();
            h.processWatermark(firstMoment);
            assertThat(h.extractOutputValues()).extracting(d -> d.triggers()[0]).containsExactly("form_error_loop");
        }
    }

    @Test
    void idleSessionsAreForgotten() throws Exception {
        try (var h = harness()) {
            List<ShopperEvent> events = Shopper.session("s1", "2026-11-20T10:00:00Z").page("home").after(5).page("blog").events();
            for (ShopperEvent e : events) {
                h.processElement(new StreamRecord<>(SessionInput.of(e), e.ts()));
            }
            h.processWatermark(events.get(1).ts());
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processWatermark(events.get(1).ts() + IDLE.toMillis());
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
