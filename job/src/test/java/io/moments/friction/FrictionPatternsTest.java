package io.moments.friction;

import io.moments.ingest.ShopperEvent;
import io.moments.testing.FlinkTestSupport;
import io.moments.testing.Shopper;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each friction pattern on a real (mini) Flink cluster, in event time. */
class FrictionPatternsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestSupport.miniCluster();

    private static final String T0 = "2026-11-20T10:00:00Z";

    private static List<FrictionMoment> detect(List<ShopperEvent> events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<FrictionMoment> out = new ArrayList<>();
        FrictionPatterns.detect(FlinkTestSupport.events(env, events).keyBy(ShopperEvent::sessionId), FrictionSettings.DEFAULTS)
                .executeAndCollect().forEachRemaining(out::add);
        out.sort(Comparator.comparing(FrictionMoment::sessionId).thenComparingLong(FrictionMoment::ts)
                .thenComparing(FrictionMoment::pattern));
        return out;
    }

    private static long at(double secondsAfterT0) {
        return Instant.parse(T0).toEpochMilli() + Math.round(secondsAfterT0 * 1000);
    }

    @Test
    void checkoutPauseFiresAfterThirtySecondsWithoutProgress() throws Exception {
        List<ShopperEvent> events = Shopper.session("s1", T0).step(1).after(10).step(2).after(20).page("product")
                .after(40).act("session_end").events();
        List<FrictionMoment> moments = detect(events);
        assertThat(moments).extracting(FrictionMoment::pattern).containsExactly(FrictionPatterns.CHECKOUT_PAUSE);
        assertThat(moments.get(0).startTs()).isEqualTo(at(10));
        assertThat(moments.get(0).ts()).isEqualTo(at(40));
        assertThat(moments.get(0).detail()).contains("checkout step 2");
    }

    @Test
    void checkoutProgressWithinThePauseIsNoFriction() throws Exception {
        List<ShopperEvent> events = Shopper.session("s1", T0).step(1).after(29).step(2).after(25).act("purchase")
                .after(120).act("session_end").events();
        assertThat(detect(events)).isEmpty();
    }

    @Test
    void abandonmentAfterACheckoutStepIsAPause() throws Exception {
        // The input ends right after the step: the end-of-input watermark fires the pause.
        List<ShopperEvent> events = Shopper.session("s1", T0).page("cart").after(5).step(1).events();
        assertThat(detect(events)).extracting(FrictionMoment::pattern).containsExactly(FrictionPatterns.CHECKOUT_PAUSE);
    }

    @Test
    void contactWithinFiveMinutesOfPricingIsPricingContact() throws Exception {
        List<ShopperEvent> events = new ArrayList<>();
        events.addAll(Shopper.session("click", T0).page("pricing").after(240).act("contact_click").events());
        events.addAll(Shopper.session("chat", T0).page("pricing").after(10).page("pricing").after(30).act("chat_open").events());
        events.addAll(Shopper.session("page", T0).page("pricing").after(60).page("contact").events());
        events.addAll(Shopper.session("late", T0).page("pricing").after(360).act("contact_click").events());
        events.addAll(Shopper.session("nopricing", T0).page("product").after(10).act("chat_open").events());
        events.sort(Comparator.comparingLong(ShopperEvent::ts));
        List<FrictionMoment> moments = detect(events);
        assertThat(moments).extracting(FrictionMoment::sessionId).containsExactly("chat", "click", "page");
        assertThat(moments).extracting(FrictionMoment::pattern).containsOnly(FrictionPatterns.PRICING_CONTACT);
        FrictionMoment chat = moments.get(0);
        assertThat(chat.ts()).isEqualTo(at(40));
    }

    @Test
    void rapidClicksOnOneTargetAreRageClicks() throws Exception {
        List<ShopperEvent> events = new ArrayList<>();
        events.addAll(Shopper.session("rage", T0).act("click", "pay").after(0.4).act("click", "pay").after(0.4)
                .act("click", "pay").events());
        events.addAll(Shopper.session("different", T0).act("click", "a").after(0.4).act("click", "b").after(0.4)
                .act("click", "c").events());
        events.addAll(Shopper.session("slow", T0).act("click", "pay").after(1.5).act("click", "pay").after(1.5)
                .act("click", "pay").events());
        events.sort(Comparator.comparingLong(ShopperEvent::ts));
        assertThat(detect(events)).extracting(FrictionMoment::sessionId, FrictionMoment::pattern)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rage", FrictionPatterns.RAGE_CLICK));
    }

    @Test
    void repeatedFormErrorsAreALoop() throws Exception {
        List<ShopperEvent> events = new ArrayList<>();
        events.addAll(Shopper.session("loop", T0).act("form_error", "card").after(10).page("checkout").after(10)
                .act("form_error", "card").after(10).act("form_error", "zip").events());
        events.addAll(Shopper.session("spread", T0).act("form_error", "card").after(50).act("form_error", "card")
                .after(50).act("form_error", "card").events());
        events.sort(Comparator.comparingLong(ShopperEvent::ts));
        assertThat(detect(events)).extracting(FrictionMoment::sessionId, FrictionMoment::pattern)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("loop", FrictionPatterns.FORM_ERROR_LOOP));
    }

    @Test
    void outOfOrderDeliveryWithinTheBoundChangesNothing() throws Exception {
        List<ShopperEvent> inOrder = new ArrayList<>();
        inOrder.addAll(Shopper.session("a", T0).page("pricing").after(3).page("product").after(4).act("chat_open")
                .after(5).step(1).after(8).step(2).after(40).page("home").events());
        inOrder.addAll(Shopper.session("b", T0).act("click", "x").after(0.3).act("click", "x").after(0.3)
                .act("click", "x").after(2).act("form_error", "f").after(2).act("form_error", "f").after(2)
                .act("form_error", "f").after(1).step(1).events());
        inOrder.sort(Comparator.comparingLong(ShopperEvent::ts));
        List<FrictionMoment> expected = detect(inOrder);
        assertThat(expected).extracting(FrictionMoment::pattern).contains(FrictionPatterns.PRICING_CONTACT,
                FrictionPatterns.CHECKOUT_PAUSE, FrictionPatterns.RAGE_CLICK, FrictionPatterns.FORM_ERROR_LOOP);
        for (long seed = 1; seed <= 3; seed++) {
            List<ShopperEvent> shuffled = FlinkTestSupport.shuffledWithin(inOrder, ShopperEvent::ts, 10_000, seed);
            assertThat(shuffled).isNotEqualTo(inOrder);
            assertThat(detect(shuffled)).as("seed %d", seed).isEqualTo(expected);
        }
    }
}
