package io.moments.session;

import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import io.moments.ingest.ShopperEvent;
import io.moments.testing.Shopper;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LateEventFilterTest {

    @Test
    void anEventBeyondTheAllowedLatenessIsADeadLetterAndOneWithinItPasses() throws Exception {
        List<ShopperEvent> events = Shopper.session("s1", "2026-11-20T10:00:00Z").page("home").after(60).page("cart").events();
        ShopperEvent early = events.get(0);
        ShopperEvent later = events.get(1);
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new LateEventFilter(Duration.ofSeconds(30)))) {
            h.processElement(later, later.ts());
            h.processWatermark(later.ts() - 10_000);
            h.processElement(early, early.ts()); // 50 s behind the watermark: beyond 30 s
            ShopperEvent within = Shopper.session("s2", "2026-11-20T10:00:35Z").page("home").events().get(0);
            h.processElement(within, within.ts()); // 15 s behind: applied
            assertThat(h.extractOutputValues()).extracting(ShopperEvent::eventId)
                    .containsExactly(later.eventId(), within.eventId());
            List<DeadLetter> dead = new ArrayList<>();
            h.getSideOutput(DeadLetterRouter.DEAD_LETTERS).forEach(r -> dead.add(r.getValue()));
            assertThat(dead).extracting(DeadLetter::reason).containsExactly(DeadLetterReason.LATE);
            assertThat(dead.get(0).detail()).contains("allowed lateness 30000 ms");
        }
    }
}
