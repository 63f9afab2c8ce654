package io.moments.session;

import io.moments.decide.Decision;
import io.moments.ingest.ShopperEvent;
import io.moments.testing.Shopper;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session operator restores the state the previous release wrote: a snapshot of its harness
 * (commit 3e65dd1, hand-written friction matchers; session "up" with consent, labels, a decision and
 * partial matches of every pattern) committed under src/test/resources/upgrade. Flink's POJO
 * serializer drops the removed friction fields and starts the flink-cep memory empty.
 */
class SessionStateUpgradeTest {

    private static final String SNAPSHOT = "src/test/resources/upgrade/session-decide-3e65dd1.snapshot";

    @Test
    void aSessionOfThePreviousReleaseCarriesOnWithItsLabelsConsentAndHistory() throws Exception {
        OperatorSubtaskState previous = OperatorSnapshotUtil.readStateHandle(SNAPSHOT);
        // The same session goes on, now without sending consent again: the restored consent applies.
        List<SessionInput> next = new ArrayList<>();
        for (ShopperEvent e : Shopper.session("up", "2026-11-20T10:00:10Z").act("form_error", "card").after(1)
                .act("form_error", "card").after(1).act("form_error", "card").after(1).step(2).events()) {
            next.add(SessionInput.of(e));
        }
        try (var h = SessionProcessorTest.harness(previous)) {
            assertThat(h.numEventTimeTimers()).as("the restored pause and expiry timers").isEqualTo(2);
            for (SessionInput in : next) {
                h.processElement(in, in.ts());
            }
            List<Decision> out = h.extractOutputValues();
            assertThat(out).flatExtracting(d -> List.of(d.triggers())).contains("form_error_loop");
            Decision loop = out.stream().filter(d -> List.of(d.triggers()).contains("form_error_loop")).findFirst().orElseThrow();
            // The restored consent has no GPP string or region (fields added since): the strict rule, met by its TCF string.
            assertThat(loop.explanation()).contains("personalization allowed (tcf: purposes 1,3,4,5,6 consented — strict rule");
            // The session's first decision was before the upgrade: no second exposure for lift.
            assertThat(h.getSideOutput(SessionProcessor.OUTCOMES)).isNull();
        }
    }

    @Test
    void aSessionOfThePreviousReleaseStartsItsVoiceBaselineAndSnapshotsItUnderTheNewSchema() throws Exception {
        OperatorSubtaskState previous = OperatorSnapshotUtil.readStateHandle(SNAPSHOT);
        // The restored state has no voice field: its first voice chunks start the baseline.
        List<SessionInput> voice = SessionProcessorTest.voiceChunks("up", "2026-11-20T10:00:10Z", 6, 5);
        OperatorSubtaskState upgraded;
        try (var h = SessionProcessorTest.harness(previous)) {
            for (SessionInput in : voice.subList(0, 3)) {
                h.processElement(in, in.ts());
            }
            upgraded = h.snapshot(1, voice.get(2).ts());
        }
        List<String> resumed = new ArrayList<>();
        try (var h = SessionProcessorTest.harness(upgraded)) {
            for (SessionInput in : voice.subList(3, voice.size())) {
                h.processElement(in, in.ts());
            }
            h.getSideOutput(SessionProcessor.LABEL_SAMPLES).forEach(r -> resumed.add(
                    r.getValue().ts() + " " + r.getValue().confidence().hesitation()));
        }
        List<String> straight = new ArrayList<>();
        try (var h = SessionProcessorTest.harness(previous)) {
            for (SessionInput in : voice) {
                h.processElement(in, in.ts());
            }
            h.getSideOutput(SessionProcessor.LABEL_SAMPLES).forEach(r -> straight.add(
                    r.getValue().ts() + " " + r.getValue().confidence().hesitation()));
        }
        assertThat(resumed).isNotEmpty();
        assertThat(straight).endsWith(resumed.toArray(String[]::new));
    }
}
