package io.moments.insights;

import io.moments.ingest.EventParser;
import io.moments.config.IngestLimits;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.FunnelStage;
import io.moments.labels.LabelTrack;
import io.moments.models.LabelScores;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InsightTrackerTest {

    private static final long MINUTE = 60_000;
    private static final long T = 1_764_669_600_000L; // 2025-12-02T10:00:00Z, a window start
    private final InsightTracker tracker = new InsightTracker(MINUTE, 30 * MINUTE);
    private final LabelTrack track = new LabelTrack();

    private static ShopperEvent event(long ts, String type, String extra) {
        String json = "{\"schema\":\"interaction/v1\",\"eventId\":\"e" + ts + type + "\",\"sessionId\":\"s\",\"ts\":" + ts
                + ",\"type\":\"" + type + "\"" + extra + "}";
        return new EventParser(IngestLimits.DEFAULTS).parse(json.getBytes(StandardCharsets.UTF_8), "t", false, ts).event();
    }

    private static ShopperEvent page(long ts, String url, String kind) {
        return event(ts, "page_view", ",\"page\":{\"url\":\"" + url + "\",\"kind\":\"" + kind + "\"}");
    }

    private static ShopperEvent step(long ts, int step) {
        return event(ts, "checkout_step", ",\"step\":" + step);
    }

    @Test
    void aSessionCountsOncePerPageOrStepAndWindow() {
        InsightMemory m = new InsightMemory();
        List<Observation> first = tracker.onEvent(m, page(T, "https://shop.example/p/123?x=1", "product"), track, "treatment", true);
        assertThat(first).extracting(o -> o.dimension + " " + o.key + " " + o.kind)
                .containsExactly("page /p/:id visit", "step browse visit");
        assertThat(first.get(0).pageKind).isEqualTo("product");
        assertThat(tracker.onEvent(m, event(T + 5_000, "click", ",\"target\":\"b\""), track, "treatment", true))
                .as("same page, same window").isEmpty();
        assertThat(tracker.onEvent(m, event(T + MINUTE + 1, "click", ",\"target\":\"b\""), track, "treatment", true))
                .as("the next window counts the session again").hasSize(2);
        assertThat(tracker.onEvent(m, page(T + MINUTE + 2, "/cart", "cart"), track, "treatment", true))
                .extracting(o -> o.key).containsExactly("/cart");
    }

    @Test
    void checkoutStepsStickWhileInCheckoutAndMomentsCountWhereTheSessionIs() {
        InsightMemory m = new InsightMemory();
        tracker.onEvent(m, page(T, "/checkout", "checkout"), track, "holdout", true);
        track.stage = FunnelStage.CHECKOUT;
        assertThat(tracker.onEvent(m, step(T + 1_000, 2), track, "holdout", true)).extracting(o -> o.key)
                .containsExactly("checkout:2");
        tracker.onEvent(m, event(T + 2_000, "form_error", ""), track, "holdout", true);
        assertThat(m.step).isEqualTo("checkout:2");
        List<Observation> moment = tracker.onMoment(m, T + 32_000, new String[]{"checkout_pause"}, "reassure_checkout", "holdout");
        assertThat(moment).extracting(o -> o.dimension + " " + o.key + " " + o.action + " " + o.group)
                .containsExactly("page /checkout reassure_checkout holdout", "step checkout:2 reassure_checkout holdout");
    }

    @Test
    void aLateEventCountsWhereItHappenedWithoutMovingTheSession() {
        InsightMemory m = new InsightMemory();
        tracker.onEvent(m, page(T + 3 * MINUTE, "/cart", "cart"), track, "treatment", true);
        List<Observation> late = tracker.onEvent(m, page(T + 10_000, "/pricing", "pricing"), track, "treatment", false);
        assertThat(late).extracting(o -> o.key + "@" + (o.ts - T)).containsExactly("/pricing@10000", "browse@10000");
        assertThat(m.page).isEqualTo("/cart");
    }

    @Test
    void aConversionIsCreditedOnceToEachRecentVisitInItsWindow() {
        InsightMemory m = new InsightMemory();
        track.values = new LabelScores(0.8, 0, 0, 0, 0.5, 0);
        tracker.onEvent(m, page(T, "/cart", "cart"), track, "treatment", true);
        tracker.onEvent(m, page(T + 2 * MINUTE, "/checkout", "checkout"), track, "treatment", true);
        List<Observation> credited = tracker.onConversion(m, T + 3 * MINUTE, "treatment");
        assertThat(credited).extracting(o -> o.dimension + " " + o.key + "@" + (o.ts - T) + " " + o.bands)
                .containsExactly("page /cart@0 hlllml", "step browse@0 hlllml",
                        "page /checkout@120000 hlllml", "step browse@120000 hlllml");
        assertThat(tracker.onConversion(m, T + 4 * MINUTE, "treatment")).as("a second purchase credits nothing again").isEmpty();
    }

    @Test
    void visitsAreRememberedWithinTheAllowedLatenessAndAtMostSixteen() {
        InsightMemory m = new InsightMemory();
        for (int i = 0; i < 40; i++) {
            tracker.onEvent(m, page(T + i * MINUTE, "/p" + (char) ('a' + i % 26), "product"), track, "treatment", true);
        }
        assertThat(m.visitKeys).hasSize(InsightTracker.MAX_VISITS);
        long newest = T + 39 * MINUTE;
        assertThat(java.util.Arrays.stream(m.visitTs).min().orElseThrow()).isGreaterThanOrEqualTo(newest - 30 * MINUTE);
        assertThat(tracker.onConversion(m, newest + 31 * MINUTE, "treatment")).as("all beyond the lateness").isEmpty();
    }
}
