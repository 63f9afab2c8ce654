package io.moments.session;

import io.moments.config.MomentsSettings;
import io.moments.decide.Decision;
import io.moments.decide.Policy;
import io.moments.decide.SessionOutcome;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import io.moments.ingest.ShopperEvent;
import io.moments.config.LabelSettings;
import io.moments.labels.SessionLabeler;
import io.moments.privacy.ErasureRequest;
import io.moments.sink.JsonCodec;
import io.moments.testing.Shopper;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session stage in Flink's operator test harness: decisions on arrival, one decision per moment,
 * out-of-order and late events, pauses by the session's own events and by the watermark, policy swap,
 * expiry and erasure with their state and timers cleaned up, snapshot and restore.
 */
class SessionProcessorTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    static final MomentsSettings.Insights ANALYTICS = new MomentsSettings.Insights(Duration.ofMinutes(1), 200,
            Duration.ofSeconds(5));
    static final MomentsSettings.Session TIMING = new MomentsSettings.Session(IDLE, Duration.ofHours(6), IDLE,
            Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofHours(1), 100);
    private static final String DEFAULT_POLICY = Policy.defaultPolicy().json();

    static KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> harness() throws Exception {
        return harness(null);
    }

    static KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        return harness(restoreFrom, TIMING);
    }

    static KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> harness(
            OperatorSubtaskState restoreFrom, MomentsSettings.Session timing) throws Exception {
        SessionProcessor fn = new SessionProcessor(new SessionLabeler(LabelSettings.DEFAULTS),
                DEFAULT_POLICY, timing, ANALYTICS);
        KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> h = ProcessFunctionTestHarnesses
                .forKeyedBroadcastProcessFunction(fn, SessionInput::sessionId, Types.STRING, SessionProcessor.POLICY_STATE);
        if (restoreFrom != null) {
            // forKeyedBroadcastProcessFunction opens the harness; a restore needs a fresh, unopened one.
            h.close();
            h = new KeyedBroadcastOperatorTestHarness<>(
                    new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(fn,
                            List.of(SessionProcessor.POLICY_STATE)),
                    SessionInput::sessionId, Types.STRING, 1, 1, 0);
            h.initializeState(restoreFrom);
            h.open();
        }
        return h;
    }

    /**
     * The job's operator ({@link SessionOperator}): the state cache writes back, so states reach the
     * keyed state at a snapshot (or on eviction) rather than on every change.
     */
    static KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> writeBackHarness(
            OperatorSubtaskState restoreFrom, MomentsSettings.Session timing) throws Exception {
        SessionProcessor fn = new SessionProcessor(new SessionLabeler(LabelSettings.DEFAULTS), DEFAULT_POLICY, timing,
                ANALYTICS);
        var h = new KeyedBroadcastOperatorTestHarness<>(new SessionOperator(fn), SessionInput::sessionId, Types.STRING, 1, 1, 0);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    @Test
    void theSessionTellsTheInsightWindowsWhereItWasWhatHappenedThereAndThatItConverted() throws Exception {
        Shopper s = Shopper.session("obs", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF);
        s.page("cart").after(3).step(1).after(3).act("form_error", "card").after(3).act("form_error", "card")
                .after(3).act("form_error", "card").after(5).act("purchase");
        try (var h = harness()) {
            for (SessionInput in : inputs(s)) {
                h.processElement(in, in.ts());
            }
            List<String> seen = new ArrayList<>();
            for (var r : h.getSideOutput(SessionProcessor.OBSERVATIONS)) {
                io.moments.insights.Observation o = r.getValue();
                seen.add(o.kind + " " + o.dimension + " " + o.key + (o.triggers == null ? "" : " " + String.join(",", o.triggers)));
                assertThat(o.group).isIn(Decision.TREATMENT, Decision.HOLDOUT);
            }
            assertThat(seen).startsWith("visit page /cart", "visit step cart", "visit step checkout:1")
                    .contains("moment page /cart form_error_loop,label:frustration", "moment step checkout:1 form_error_loop,label:frustration")
                    .contains("conversion page /cart", "conversion step checkout:1", "conversion step purchased");
            assertThat(seen).filteredOn(x -> x.startsWith("visit page")).hasSize(1);
        }
    }

    @Test
    void labelSamplesFollowTheSessionOncePerIntervalAndMatchTheLabelSchema() throws Exception {
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Files.readString(
                        java.nio.file.Path.of("src/main/resources/contracts/label.v1.schema.json"))));
        try (var h = harness()) {
            for (SessionInput in : script()) { // events at 0, 3, 6, 9, 12 and 15 s
                h.processElement(in, in.ts());
            }
            List<String> samples = new ArrayList<>();
            h.getSideOutput(SessionProcessor.LABEL_SAMPLES).forEach(r -> samples.add(JsonCodec.labelSampleJson(r.getValue())));
            assertThat(samples).as("one per 5 s of event time: at 0, 6 and 12 s").hasSize(3);
            for (String json : samples) {
                assertThat(schema.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json))).as(json).isEmpty();
            }
            assertThat(samples.get(2)).contains("\"ts\":\"2026-11-20T10:00:12Z\"").contains("\"stage\":\"checkout\"");
        }
    }

    /** Entries in every keyed state of the operator (the broadcast harness does not offer this itself). */
    private static int keyedStateEntries(KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> h) {
        return ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    /** Cart, a checkout step, then four form errors 3 s apart: a form-error loop, frustration, a pause. */
    private static List<SessionInput> script() {
        Shopper s = Shopper.session("s1", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF);
        s.page("cart").after(3).step(1).after(3).act("form_error", "card").after(3).act("form_error", "card")
                .after(3).act("form_error", "card").after(3).act("form_error", "card");
        return inputs(s);
    }

    private static List<SessionInput> inputs(Shopper s) {
        List<SessionInput> inputs = new ArrayList<>();
        for (ShopperEvent e : s.events()) {
            inputs.add(SessionInput.of(e));
        }
        return inputs;
    }

    private static String describe(Decision d) {
        return d.decisionId() + " " + d.ts() + " " + Arrays.toString(d.triggers()) + " " + d.labels()
                + " " + d.action().type() + " " + d.action().intervention() + " "
                + Arrays.toString(d.action().suppressedTactics()) + " " + d.action().reason();
    }

    /** Decisions without their processing-time field, for comparing runs. */
    private static List<String> run(List<SessionInput> inputs) throws Exception {
        return run(inputs, TIMING);
    }

    private static List<String> run(List<SessionInput> inputs, MomentsSettings.Session timing) throws Exception {
        return run(inputs, timing, false);
    }

    private static List<String> run(List<SessionInput> inputs, MomentsSettings.Session timing, boolean writeBack)
            throws Exception {
        try (var h = writeBack ? writeBackHarness(null, timing) : harness(null, timing)) {
            for (SessionInput in : inputs) {
                h.processElement(in, in.ts());
            }
            h.watermark(Long.MAX_VALUE - 1);
            return h.extractOutputValues().stream().map(SessionProcessorTest::describe).toList();
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
    void aMomentIsDecidedWhenItsEventArrivesWithoutWaitingForTheWatermark() throws Exception {
        try (var h = harness()) {
            List<SessionInput> inputs = script();
            for (SessionInput in : inputs.subList(0, 4)) {
                h.processElement(in, in.ts());
            }
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(inputs.get(4), inputs.get(4).ts()); // the third form error; no watermark at all
            assertThat(h.extractOutputValues()).extracting(d -> d.triggers()[0]).containsExactly("form_error_loop");
            assertThat(h.getSideOutput(SessionProcessor.AUDIT)).hasSize(1);
        }
    }

    @Test
    void aContactClickThatArrivesBeforeThePricingViewThreeSecondsEarlierStillMakesPricingContact() throws Exception {
        List<SessionInput> inOrder = inputs(Shopper.session("s2", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                .page("home").after(5).page("pricing").after(3).act("contact_click"));
        List<SessionInput> swapped = List.of(inOrder.get(0), inOrder.get(2), inOrder.get(1));
        try (var h = harness()) {
            for (SessionInput in : swapped) {
                h.processElement(in, in.ts());
            }
            List<Decision> out = h.extractOutputValues();
            assertThat(out).extracting(d -> d.triggers()[0]).containsExactly("pricing_contact");
            // The moment is the contact click's, as in the time-ordered stream.
            assertThat(out.get(0).ts()).isEqualTo(inOrder.get(2).ts());
            assertThat(out.get(0).explanation()).contains("page_view pricing then contact_click within 3s");
        }
        assertThat(run(swapped)).extracting(d -> d.split(" ")[0]).isEqualTo(run(inOrder).stream()
                .map(d -> d.split(" ")[0]).toList());
    }

    @Test
    void aStepThatArrivesAfterTheNextStepIsNoPause() throws Exception {
        List<SessionInput> inOrder = inputs(Shopper.session("s3", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                .step("shipping").after(4).step("payment").after(10).act("purchase"));
        List<SessionInput> swapped = List.of(inOrder.get(1), inOrder.get(0), inOrder.get(2));
        assertThat(run(swapped)).noneMatch(d -> d.contains("checkout_pause"));
        assertThat(run(inOrder)).noneMatch(d -> d.contains("checkout_pause"));
    }

    @Test
    void aPauseIsDecidedWhenTheSessionsOwnNextEventPassesItsDeadline() throws Exception {
        List<SessionInput> inputs = inputs(Shopper.session("s4", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                .step("shipping").after(45).page("product"));
        try (var h = harness()) {
            h.processElement(inputs.get(0), inputs.get(0).ts());
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // the pause deadline and idle expiry
            h.processElement(inputs.get(1), inputs.get(1).ts()); // 45 s later; the watermark never moved
            List<Decision> out = h.extractOutputValues();
            assertThat(out).extracting(d -> d.triggers()[0]).containsExactly("checkout_pause");
            assertThat(out.get(0).ts()).isEqualTo(inputs.get(0).ts() + 30_000);
            assertThat(out.get(0).explanation()).contains("checkout_step shipping with no checkout_step or purchase for 30s");
        }
    }

    @Test
    void anAbandonedCheckoutIsDecidedWhenTheWatermarkPassesTheDeadline() throws Exception {
        List<SessionInput> inputs = inputs(Shopper.session("s5", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                .step(2));
        long step = inputs.get(0).ts();
        try (var h = harness()) {
            h.watermark(step - 1);
            h.processElement(inputs.get(0), step);
            h.watermark(step + 29_999);
            assertThat(h.extractOutputValues()).isEmpty();
            h.watermark(step + 30_000);
            assertThat(h.extractOutputValues()).extracting(Decision::ts).containsExactly(step + 30_000);
        }
    }

    @Test
    void aSessionArrivingAsABatchBehindTheWatermarkCountsWithItsPatterns() throws Exception {
        List<SessionInput> batch = inputs(Shopper.session("s6", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                .page("pricing").after(4).act("contact_click").after(6).step(1).after(10).step(2));
        long lastTs = batch.get(3).ts();
        try (var h = harness()) {
            h.watermark(lastTs + 60_000); // other sessions moved event time on by a minute
            for (SessionInput in : batch) {
                h.processElement(in, in.ts());
            }
            // pricing_contact at once; the pause of step 2 waits for the late grace, not for a watermark it already passed
            assertThat(h.extractOutputValues()).extracting(d -> d.triggers()[0]).containsExactly("pricing_contact");
            h.watermark(lastTs + 60_000 + TIMING.lateGrace().toMillis());
            List<Decision> out = h.extractOutputValues();
            assertThat(out).extracting(d -> d.triggers()[0]).containsExactly("pricing_contact", "checkout_pause");
            assertThat(out.get(1).ts()).isEqualTo(lastTs + 30_000);
            assertThat(out.get(1).explanation()).contains("checkout_step 2 with no checkout_step or purchase");
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
            h.processBroadcastElement(v2, inputs.get(5).ts());
            h.watermark(Long.MAX_VALUE - 1);
            List<Decision> out = h.extractOutputValues();
            assertThat(out).extracting(Decision::policyVersion).containsExactly("default-v1", "calm-v2");
            assertThat(out.get(0).action().intervention()).isEqualTo("simplify_form");
        }
    }

    /**
     * Publishing patterns: an unchanged pattern carries its partial matches on, a changed one starts
     * from none, a removed one is dropped with its partial matches, and a new one matches from the
     * session's next event.
     */
    @Test
    void aPolicySwitchKeepsUnchangedPatternsAndRestartsChangedOnes() throws Exception {
        String v2 = DEFAULT_POLICY.replace("\"version\":\"default-v1\"", "\"version\":\"patterns-v2\"")
                .replace("\"id\":\"pricing_contact\",\"within\":\"5m\"", "\"id\":\"pricing_contact\",\"within\":\"4m\"")
                .replaceFirst("\\{\"id\":\"rage_click\".*?\"same\":\\[\"target\"\\]}]},", "")
                .replace("{\"id\":\"rage\",\"trigger\":\"rage_click\",\"interventions\":[\"offer_help\"]},", "")
                .replace("\"patterns\":[", "\"patterns\":[{\"id\":\"search_loop\",\"within\":\"1m\",\"steps\":[{\"where\":"
                        + "{\"type\":\"search\"},\"times\":3}]},");
        assertThat(Policy.parse(v2).patterns()).extracting(p -> p.id())
                .containsExactly("search_loop", "checkout_pause", "pricing_contact", "form_error_loop");
        List<SessionInput> inputs = inputs(Shopper.session("sw", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                .page("pricing").after(1).act("form_error", "card").after(1).act("form_error", "card").after(1)
                .act("click", "pay").after(0.2).act("click", "pay").after(0.2)
                // the policy switches here
                .act("click", "pay").after(1).act("contact_click").after(1).act("form_error", "card").after(1)
                .act("search").after(1).act("search").after(1).act("search"));
        try (var h = harness()) {
            for (SessionInput in : inputs.subList(0, 5)) {
                h.processElement(in, in.ts());
            }
            h.processBroadcastElement(v2, inputs.get(4).ts());
            for (SessionInput in : inputs.subList(5, inputs.size())) {
                h.processElement(in, in.ts());
            }
            List<Decision> out = h.extractOutputValues();
            assertThat(out).flatExtracting(d -> List.of(d.triggers())).filteredOn(t -> !t.startsWith("label:"))
                    .as("rage_click removed, pricing_contact restarted").containsExactly("form_error_loop", "search_loop");
            assertThat(out).extracting(Decision::policyVersion).containsOnly("patterns-v2");
        }
    }

    @Test
    void theStateCacheChangesNoDecision() throws Exception {
        List<SessionInput> inputs = new ArrayList<>(script());
        Shopper other = Shopper.session("s2", "2026-11-20T10:00:01Z", Shopper.FULL_CONSENT_TCF);
        other.page("pricing").after(5).act("chat_open").after(2).act("click", "pay").after(0.3).act("click", "pay")
                .after(0.3).act("click", "pay");
        List<SessionInput> interleaved = new ArrayList<>();
        List<SessionInput> second = inputs(other);
        for (int i = 0; i < Math.max(inputs.size(), second.size()); i++) {
            if (i < inputs.size()) {
                interleaved.add(inputs.get(i));
            }
            if (i < second.size()) {
                interleaved.add(second.get(i));
            }
        }
        MomentsSettings.Session noCache = new MomentsSettings.Session(IDLE, Duration.ofHours(6), IDLE,
                Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofHours(1), 0);
        MomentsSettings.Session oneEntry = new MomentsSettings.Session(IDLE, Duration.ofHours(6), IDLE,
                Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofHours(1), 1);
        List<String> reference = run(interleaved, noCache);
        assertThat(reference).hasSizeGreaterThan(2);
        assertThat(run(interleaved, TIMING)).isEqualTo(reference);
        assertThat(run(interleaved, oneEntry)).as("two sessions taking turns in a cache of one").isEqualTo(reference);
        assertThat(run(interleaved, TIMING, true)).as("write-back").isEqualTo(reference);
        assertThat(run(interleaved, oneEntry, true)).as("write-back, evicting on every turn").isEqualTo(reference);
    }

    @Test
    void aRepeatedEventIdIsDeadLetteredAndChangesNothing() throws Exception {
        List<SessionInput> inputs = script();
        List<SessionInput> withRepeat = new ArrayList<>(inputs);
        withRepeat.add(4, inputs.get(2)); // a redelivery between the second and third form error
        assertThat(run(withRepeat)).isEqualTo(run(inputs));
        try (var h = harness()) {
            for (SessionInput in : withRepeat) {
                h.processElement(in, in.ts());
            }
            List<DeadLetter> dead = new ArrayList<>();
            h.getSideOutput(DeadLetterRouter.DEAD_LETTERS).forEach(r -> dead.add(r.getValue()));
            assertThat(dead).extracting(DeadLetter::reason).containsExactly(DeadLetterReason.DUPLICATE);
            assertThat(dead.get(0).detail()).contains("eventId already seen");
            assertThat(dead.get(0).sessionId()).isEqualTo("s1");
        }
    }

    @Test
    void idleSessionsAreForgottenWithTheirStateAndTimers() throws Exception {
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
            assertThat(keyedStateEntries(h)).isEqualTo(1);
            h.watermark(last + IDLE.toMillis());
            assertThat(keyedStateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            // Forgotten: a new decision makes a new exposure.
            ShopperEvent e = Shopper.session("s1", "2026-11-20T11:00:00Z").act("form_error").events().get(0);
            for (int i = 0; i < 4; i++) {
                h.processElement(SessionInput.of(new ShopperEvent(e.schema(), "later-" + i, "s1", e.ts() + i * 2_000,
                        null, null, e.interaction(), null, null, null, null)), e.ts() + i * 2_000);
            }
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
            List<SessionOutcome> outcomes = new ArrayList<>();
            h.getSideOutput(SessionProcessor.OUTCOMES).forEach(r -> outcomes.add(r.getValue()));
            assertThat(outcomes).extracting(SessionOutcome::converted).containsExactly(false, true);
            assertThat(outcomes.get(1).group()).isEqualTo(outcomes.get(0).group());
        }
    }

    @Test
    void erasureForgetsTheSessionAtOnceWithItsStateAndTimers() throws Exception {
        try (var h = harness()) {
            List<SessionInput> inputs = script();
            for (SessionInput in : inputs.subList(0, 6)) {
                h.processElement(in, in.ts());
            }
            assertThat(h.extractOutputValues()).hasSize(1); // form-error loop, frustration crossed
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // the step's pause and idle expiry
            h.processElement(SessionInput.of(new ErasureRequest("req-1", "s1", null, 0)), inputs.get(5).ts());
            assertThat(h.getSideOutput(SessionProcessor.ERASED)).hasSize(1);
            assertThat(keyedStateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            // The session starts from nothing: the same errors make a loop and cross frustration again.
            List<ShopperEvent> again = Shopper.session("s1", "2026-11-20T10:00:20Z").act("form_error").after(3)
                    .act("form_error").after(3).act("form_error").after(3).act("form_error").events();
            for (ShopperEvent e : again) {
                h.processElement(SessionInput.of(new ShopperEvent(e.schema(), "again-" + e.eventId(), e.sessionId(),
                        e.ts(), null, null, e.interaction(), null, null, null, null)), e.ts());
            }
            assertThat(h.extractOutputValues()).extracting(d -> String.join(",", d.triggers()))
                    .containsExactly("form_error_loop,label:frustration", "form_error_loop,label:frustration");
        }
    }

    /**
     * With the job's operator (write-back) the state reaches the keyed state only before the barrier;
     * with the plain function operator at every change. Either way a restore continues as if
     * uninterrupted.
     */
    @ParameterizedTest(name = "write-back {0}")
    @ValueSource(booleans = {false, true})
    void aSnapshotRestoresIntoANewInstanceThatContinuesAsIfUninterrupted(boolean writeBack) throws Exception {
        List<SessionInput> inputs = script();
        List<String> uninterrupted = run(inputs);
        OperatorSubtaskState snapshot;
        List<String> before;
        try (var h = writeBack ? writeBackHarness(null, TIMING) : harness()) {
            for (SessionInput in : inputs.subList(0, 3)) {
                h.processElement(in, in.ts());
            }
            assertThat(keyedStateEntries(h)).as("written on every change, or not yet").isEqualTo(writeBack ? 0 : 1);
            before = h.extractOutputValues().stream().map(SessionProcessorTest::describe).toList();
            h.prepareSnapshotPreBarrier(1); // as the task does before a barrier leaves the operator
            assertThat(keyedStateEntries(h)).isEqualTo(1);
            snapshot = h.snapshot(1, inputs.get(2).ts());
        }
        try (var h = writeBack ? writeBackHarness(snapshot, TIMING) : harness(snapshot)) {
            assertThat(keyedStateEntries(h)).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(2);
            for (SessionInput in : inputs.subList(3, inputs.size())) {
                h.processElement(in, in.ts());
            }
            h.watermark(Long.MAX_VALUE - 1);
            List<String> all = new ArrayList<>(before);
            h.extractOutputValues().stream().map(SessionProcessorTest::describe).forEach(all::add);
            assertThat(all).isEqualTo(uninterrupted);
            assertThat(keyedStateEntries(h)).as("expired at the end").isZero();
        }
    }

    @Test
    void sessionStateIsAFlinkPojoAllTheWayDownNeverKryo() {
        // A POJO serializer keeps fields by name: a field added or removed in a later release restores.
        assertThat(TypeInformation.of(SessionState.class)).isInstanceOf(PojoTypeInfo.class);
        assertNoGenericFields((PojoTypeInfo<?>) TypeInformation.of(SessionState.class), "state");
        PojoTypeInfo<?> info = (PojoTypeInfo<?>) TypeInformation.of(SessionState.class);
        assertThat(info.getTypeAt(info.getFieldIndex("voice"))).as("the voice baseline").isInstanceOf(PojoTypeInfo.class);
    }

    private static void assertNoGenericFields(PojoTypeInfo<?> info, String path) {
        for (int i = 0; i < info.getArity(); i++) {
            var field = info.getPojoFieldAt(i);
            String name = path + "." + field.getField().getName();
            assertThat(field.getTypeInformation().getClass().getSimpleName()).as(name).isNotEqualTo("GenericTypeInfo");
            if (field.getTypeInformation() instanceof PojoTypeInfo<?> nested) {
                assertNoGenericFields(nested, name);
            }
        }
    }

    /** Consented 1 s voice chunks of one speaker after inference: prosody only, no audio. */
    static List<SessionInput> voiceChunks(String session, String start, int count, double pitchSt) {
        long t0 = java.time.Instant.parse(start).toEpochMilli();
        List<SessionInput> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            io.moments.models.voice.ProsodySample p = io.moments.testing.Prosody.chunk(pitchSt, 50, 50);
            out.add(SessionInput.of(new ShopperEvent(ShopperEvent.MEDIA, session + "-voice-" + (t0 + i * 1000L), session, t0 + i * 1000L,
                    null, new io.moments.ingest.Consent(Shopper.FULL_CONSENT_TCF, false, true), null, null,
                    new io.moments.ingest.MediaChunk(io.moments.ingest.MediaKind.AUDIO_CHUNK, null, null, 32000), null,
                    null, p)));
        }
        return out;
    }

    private static List<String> labelSamples(KeyedBroadcastOperatorTestHarness<String, SessionInput, String, Decision> h) {
        List<String> out = new ArrayList<>();
        if (h.getSideOutput(SessionProcessor.LABEL_SAMPLES) != null) {
            h.getSideOutput(SessionProcessor.LABEL_SAMPLES).forEach(r -> out.add(JsonCodec.labelSampleJson(r.getValue())));
        }
        return out;
    }

    @ParameterizedTest(name = "write-back {0}")
    @ValueSource(booleans = {false, true})
    void theVoiceBaselineIsKeyedStateThatASnapshotCarriesOver(boolean writeBack) throws Exception {
        // A high voice, then the same voice higher still: each chunk scored against the session's voice so far.
        List<SessionInput> inputs = new ArrayList<>(voiceChunks("v1", "2026-11-20T10:00:00Z", 12, 17));
        inputs.addAll(voiceChunks("v1", "2026-11-20T10:00:12Z", 6, 20));
        List<String> uninterrupted;
        try (var h = harness()) {
            for (SessionInput in : inputs) {
                h.processElement(in, in.ts());
            }
            uninterrupted = labelSamples(h);
        }
        OperatorSubtaskState snapshot;
        List<String> all;
        try (var h = writeBack ? writeBackHarness(null, TIMING) : harness()) {
            for (SessionInput in : inputs.subList(0, 12)) {
                h.processElement(in, in.ts());
            }
            all = new ArrayList<>(labelSamples(h));
            h.prepareSnapshotPreBarrier(1);
            snapshot = h.snapshot(1, inputs.get(11).ts());
        }
        try (var h = writeBack ? writeBackHarness(snapshot, TIMING) : harness(snapshot)) {
            for (SessionInput in : inputs.subList(12, inputs.size())) {
                h.processElement(in, in.ts());
            }
            all.addAll(labelSamples(h));
        }
        // A restore that lost the baseline would score the chunks after it against the population (and
        // with a new session's lower confidence): the samples after the restore would differ.
        assertThat(all).isEqualTo(uninterrupted);
        assertThat(uninterrupted).as("samples at 0, 5, 10 and 15 s: one after the restore").hasSize(4);
        double calm = frustration(uninterrupted.get(2));
        double raised = frustration(uninterrupted.get(3));
        assertThat(raised).as("the voice rose above its usual").isGreaterThan(calm);
    }

    private static double frustration(String labelSampleJson) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(labelSampleJson).get("labels")
                .get("frustration").asDouble();
    }
}
