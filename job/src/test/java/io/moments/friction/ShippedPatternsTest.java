package io.moments.friction;

import io.moments.ingest.ShopperEvent;
import io.moments.testing.Shopper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.moments.friction.ShippedPatterns.CHECKOUT_PAUSE;
import static io.moments.friction.ShippedPatterns.FORM_ERROR_LOOP;
import static io.moments.friction.ShippedPatterns.PATTERNS;
import static io.moments.friction.ShippedPatterns.PRICING_CONTACT;
import static io.moments.friction.ShippedPatterns.RAGE_CLICK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The default policy's four patterns on flink-cep, over one session's events in event-time order as
 * the session operator feeds them: boundaries, skip-past-last-event, abandonment.
 */
class ShippedPatternsTest {

    private static final String T0 = "2026-11-20T10:00:00Z";
    private static final FrictionTracker TRACKER = new FrictionTracker(Duration.ofSeconds(60), 64);

    @AfterAll
    static void close() {
        TRACKER.close();
    }

    /** Feeds the interactions in order, then lets event time reach {@code endTs} (the watermark). */
    private static List<FrictionMoment> detect(List<ShopperEvent> events, long endTs) {
        FrictionTrack track = new FrictionTrack();
        List<FrictionMoment> out = new ArrayList<>();
        for (ShopperEvent e : events) {
            if (PatternEvent.of(e) != null) {
                out.addAll(TRACKER.onEvent(track, PATTERNS, e.sessionId(), PatternEvent.of(e)).moments());
            }
        }
        out.addAll(TRACKER.absencesDue(track, PATTERNS, events.get(0).sessionId(), endTs));
        return out;
    }

    private static List<FrictionMoment> detect(List<ShopperEvent> events) {
        return detect(events, Long.MAX_VALUE - 1);
    }

    private static long at(double secondsAfterT0) {
        return Instant.parse(T0).toEpochMilli() + Math.round(secondsAfterT0 * 1000);
    }

    @Test
    void checkoutPauseIsEstablishedThirtySecondsAfterAStepWithoutProgress() {
        List<FrictionMoment> moments = detect(Shopper.session("s1", T0).step(1).after(10).step(2).after(20)
                .page("product").after(40).act("session_end").events());
        assertThat(moments).extracting(FrictionMoment::pattern).containsExactly(CHECKOUT_PAUSE);
        assertThat(moments.get(0).startTs()).isEqualTo(at(10));
        assertThat(moments.get(0).ts()).isEqualTo(at(40));
        assertThat(moments.get(0).absence()).isTrue();
        assertThat(moments.get(0).detail()).isEqualTo("checkout_step 2 with no checkout_step or purchase for 30s");
    }

    @Test
    void checkoutProgressWithinThePauseIsNoFriction() {
        assertThat(detect(Shopper.session("s1", T0).step(1).after(29).step(2).after(25).act("purchase")
                .after(120).act("session_end").events())).isEmpty();
    }

    @Test
    void aStepExactlyAtTheDeadlineComesTooLate() {
        assertThat(detect(Shopper.session("s1", T0).step(1).after(30).step(2).after(5).act("purchase").events()))
                .extracting(FrictionMoment::pattern, FrictionMoment::ts)
                .containsExactly(tuple(CHECKOUT_PAUSE, at(30)));
    }

    @Test
    void abandonmentIsAPauseOnceEventTimePassesTheDeadline() {
        List<ShopperEvent> events = Shopper.session("s1", T0).page("cart").after(5).step(1).events();
        assertThat(detect(events, at(34.999))).isEmpty();
        assertThat(detect(events, at(35))).extracting(FrictionMoment::pattern).containsExactly(CHECKOUT_PAUSE);
    }

    @Test
    void contactWithinFiveMinutesOfPricingIsPricingContact() {
        assertThat(detect(Shopper.session("click", T0).page("pricing").after(240).act("contact_click").events()))
                .extracting(FrictionMoment::pattern).containsExactly(PRICING_CONTACT);
        List<FrictionMoment> chat = detect(Shopper.session("chat", T0).page("pricing").after(10).page("pricing")
                .after(30).act("chat_open").after(5).act("chat_open").events());
        assertThat(chat).hasSize(1);
        assertThat(chat.get(0).startTs()).as("the earliest view in the window").isEqualTo(at(0));
        assertThat(chat.get(0).ts()).isEqualTo(at(40));
        assertThat(chat.get(0).detail()).isEqualTo("page_view pricing then chat_open within 40s");
        assertThat(detect(Shopper.session("page", T0).page("pricing").after(60).page("contact").events()))
                .extracting(FrictionMoment::pattern).containsExactly(PRICING_CONTACT);
        assertThat(detect(Shopper.session("late", T0).page("pricing").after(300).act("contact_click").events())).isEmpty();
        assertThat(detect(Shopper.session("nopricing", T0).page("product").after(10).act("chat_open").events())).isEmpty();
    }

    @Test
    void rapidClicksOnOneTargetInARowAreRageClicks() {
        List<FrictionMoment> rage = detect(Shopper.session("rage", T0).act("click", "pay").after(0.4).act("click", "pay")
                .after(0.4).act("click", "pay").after(0.4).act("click", "pay").events());
        assertThat(rage).extracting(FrictionMoment::pattern).containsExactly(RAGE_CLICK);
        assertThat(rage.get(0).detail()).isEqualTo("click ×3 on one target within 800ms");
        assertThat(detect(Shopper.session("different", T0).act("click", "a").after(0.4).act("click", "b").after(0.4)
                .act("click", "c").events())).isEmpty();
        assertThat(detect(Shopper.session("slow", T0).act("click", "pay").after(1.5).act("click", "pay").after(1.5)
                .act("click", "pay").events())).isEmpty();
        assertThat(detect(Shopper.session("broken", T0).act("click", "pay").after(0.3).page("product").after(0.3)
                .act("click", "pay").after(0.3).act("click", "pay").events())).as("another interaction between").isEmpty();
        assertThat(detect(Shopper.session("slow-then-fast", T0).act("click", "pay").after(1.9).act("click", "pay")
                .after(0.2).act("click", "pay").after(0.2).act("click", "pay").events()))
                .extracting(FrictionMoment::startTs).containsExactly(at(1.9));
        assertThat(detect(Shopper.session("switch", T0).act("click", "a").after(0.2).act("click", "b").after(0.2)
                .act("click", "b").after(0.2).act("click", "b").events()))
                .as("a run on one target after a click elsewhere").extracting(FrictionMoment::startTs)
                .containsExactly(at(0.2));
    }

    @Test
    void repeatedFormErrorsWithinAMinuteAreALoop() {
        List<FrictionMoment> loop = detect(Shopper.session("loop", T0).act("form_error", "card").after(10)
                .page("checkout").after(10).act("form_error", "card").after(10).act("form_error", "zip").events());
        assertThat(loop).extracting(FrictionMoment::pattern).containsExactly(FORM_ERROR_LOOP);
        assertThat(loop.get(0).detail()).isEqualTo("form_error ×3 within 30s");
        assertThat(detect(Shopper.session("spread", T0).act("form_error", "card").after(50).act("form_error", "card")
                .after(50).act("form_error", "card").events())).isEmpty();
        assertThat(detect(Shopper.session("six", T0).act("form_error", "a").after(1).act("form_error", "a").after(1)
                .act("form_error", "a").after(1).act("form_error", "a").after(1).act("form_error", "a").after(1)
                .act("form_error", "a").events())).as("skip past the last event: six errors, two loops")
                .extracting(FrictionMoment::startTs).containsExactly(at(0), at(3));
    }

    @Test
    void textTakesPartInNoPattern() {
        assertThat(PatternEvent.of(Shopper.session("t", T0).text("chat", "why").events().get(0))).isNull();
        assertThat(detect(Shopper.session("rage", T0).act("click", "pay").after(0.3).text("chat", "why").after(0.3)
                .act("click", "pay").after(0.3).act("click", "pay").events()))
                .extracting(FrictionMoment::pattern).containsExactly(RAGE_CLICK);
    }
}
