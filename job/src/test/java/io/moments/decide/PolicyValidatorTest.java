package io.moments.decide;

import io.moments.ingest.ControlRecord;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy topic's validator: a policy whose pattern does not hold is a dead letter naming it; the job goes on. */
class PolicyValidatorTest {

    @Test
    void aPolicyWithABadPatternIsDeadLetteredWithThePatternNamedAndAGoodOnePasses() throws Exception {
        String good = Policy.defaultPolicy().json();
        String bad = good.replace("\"id\":\"form_error_loop\",\"within\":\"60s\"", "\"id\":\"form_error_loop\",\"within\":\"45min\"");
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new PolicyValidator(Duration.ofMinutes(30), 64))) {
            h.processElement(new ControlRecord(Policy.SCHEMA, bad, "policies"), 1L);
            h.processElement(new ControlRecord(Policy.SCHEMA, good, "policies"), 2L);
            assertThat(h.extractOutputValues()).containsExactly(good);
            var dead = h.getSideOutput(DeadLetterRouter.DEAD_LETTERS);
            assertThat(dead).hasSize(1);
            DeadLetter d = dead.peek().getValue();
            assertThat(d.reason()).isEqualTo(DeadLetterReason.INVALID_POLICY);
            assertThat(d.detail()).contains("pattern form_error_loop: within 45min exceeds the session idle timeout (30 min)");
            // the configured dead-letter cap (64 bytes here), not a fixed one
            assertThat(d.truncated()).isTrue();
            assertThat(d.raw()).isEqualTo(bad.substring(0, 64));
        }
    }
}
