package io.moments.friction;

import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;
import io.moments.ingest.ShopperEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;
import io.moments.sink.JsonCodec;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The friction moments, as event-time CEP patterns over a session's interactions. CEP buffers and
 * sorts events by event time up to the watermark, so out-of-order delivery within the bound does
 * not change matches. Each pattern skips past its last event so one moment yields one match.
 */
public final class FrictionPatterns {

    public static final String CHECKOUT_PAUSE = "checkout_pause";
    public static final String PRICING_CONTACT = "pricing_contact";
    public static final String RAGE_CLICK = "rage_click";
    public static final String FORM_ERROR_LOOP = "form_error_loop";

    private FrictionPatterns() {}

    /** All friction moments of the sessions in {@code interactions} (keyed by session id). */
    public static DataStream<FrictionMoment> detect(KeyedStream<ShopperEvent, String> interactions,
                                                    FrictionSettings settings) {
        return detectWithLate(interactions, settings).moments();
    }

    /** As {@link #detect}, plus the events each detector dropped as late, as dead letters. */
    public static Detected detectWithLate(KeyedStream<ShopperEvent, String> interactions, FrictionSettings settings) {
        long pauseMs = settings.checkoutPause().toMillis();
        List<SingleOutputStreamOperator<FrictionMoment>> detectors = List.of(
                match(interactions, checkoutPause(settings), CHECKOUT_PAUSE, (m, out) -> {
                    ShopperEvent step = m.get("step").get(0);
                    out.collect(new FrictionMoment(step.sessionId(), CHECKOUT_PAUSE, step.ts() + pauseMs, step.ts(),
                            "checkout step " + step.interaction().step() + " without progress for "
                                    + settings.checkoutPause().toSeconds() + "s"));
                }),
                match(interactions, pricingContact(settings), PRICING_CONTACT, (m, out) -> {
                    ShopperEvent pricing = m.get("pricing").get(0);
                    ShopperEvent contact = m.get("contact").get(0);
                    out.collect(new FrictionMoment(contact.sessionId(), PRICING_CONTACT, contact.ts(), pricing.ts(),
                            contact.typeName() + " " + (contact.ts() - pricing.ts()) / 1000 + "s after a pricing view"));
                }),
                match(interactions, rageClick(settings), RAGE_CLICK, (m, out) -> {
                    ShopperEvent first = m.get("first").get(0);
                    ShopperEvent last = m.get("last").get(0);
                    out.collect(new FrictionMoment(last.sessionId(), RAGE_CLICK, last.ts(), first.ts(),
                            settings.rageClicks() + " clicks on one target within "
                                    + (last.ts() - first.ts()) + "ms"));
                }),
                match(interactions, formErrorLoop(settings), FORM_ERROR_LOOP, (m, out) -> {
                    List<ShopperEvent> errors = m.get("errors");
                    ShopperEvent first = errors.get(0);
                    ShopperEvent last = errors.get(errors.size() - 1);
                    out.collect(new FrictionMoment(last.sessionId(), FORM_ERROR_LOOP, last.ts(), first.ts(),
                            errors.size() + " form errors within " + (last.ts() - first.ts()) / 1000 + "s"));
                }));
        DataStream<FrictionMoment> moments = detectors.get(0)
                .union(detectors.get(1), detectors.get(2), detectors.get(3));
        DataStream<DeadLetter> late = detectors.get(0).getSideOutput(LATE)
                .union(detectors.get(1).getSideOutput(LATE), detectors.get(2).getSideOutput(LATE),
                        detectors.get(3).getSideOutput(LATE))
                .map(e -> DeadLetter.ofEvent(DeadLetterReason.LATE, "behind the friction detector's watermark",
                        "friction", e, JsonCodec.eventJson(e), System.currentTimeMillis()))
                .returns(DeadLetter.class).name("Friction: late events");
        return new Detected(moments, late);
    }

    /** A checkout step with no further checkout step or purchase for the pause (fires on abandonment too). */
    static Pattern<ShopperEvent, ShopperEvent> checkoutPause(FrictionSettings s) {
        return Pattern.<ShopperEvent>begin("step", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(e -> e.is(InteractionType.CHECKOUT_STEP)))
                .notFollowedBy("progress")
                .where(SimpleCondition.of(e -> e.is(InteractionType.CHECKOUT_STEP) || e.is(InteractionType.PURCHASE)))
                .within(s.checkoutPause());
    }

    /** Contact intent (contact click, chat open, contact page) within the window after a pricing view. */
    static Pattern<ShopperEvent, ShopperEvent> pricingContact(FrictionSettings s) {
        return Pattern.<ShopperEvent>begin("pricing", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(e -> e.is(InteractionType.PAGE_VIEW)
                        && e.interaction().pageKind() == PageKind.PRICING))
                .followedBy("contact")
                .where(SimpleCondition.of(FrictionPatterns::isContactIntent))
                .within(s.pricingContactWithin());
    }

    /** N clicks on the same target within a short span. */
    static Pattern<ShopperEvent, ShopperEvent> rageClick(FrictionSettings s) {
        return Pattern.<ShopperEvent>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(e -> e.is(InteractionType.CLICK)))
                .next("middle").where(new SameTargetClick()).times(s.rageClicks() - 2)
                .next("last").where(new SameTargetClick())
                .within(s.rageClickWithin());
    }

    /** N form errors within a span, whatever happens between them. */
    static Pattern<ShopperEvent, ShopperEvent> formErrorLoop(FrictionSettings s) {
        return Pattern.<ShopperEvent>begin("errors", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(e -> e.is(InteractionType.FORM_ERROR)))
                .times(s.formErrors())
                .within(s.formErrorWithin());
    }

    public static boolean isContactIntent(ShopperEvent e) {
        return e.is(InteractionType.CONTACT_CLICK) || e.is(InteractionType.CHAT_OPEN)
                || (e.is(InteractionType.PAGE_VIEW) && e.interaction().pageKind() == PageKind.CONTACT);
    }

    /** Events a CEP operator found behind its watermark (the session stage dead-letters late events first, so rare). */
    public static final OutputTag<ShopperEvent> LATE = new OutputTag<>("friction-late") {};

    /** The friction moments and, as dead letters, the events CEP had to drop as late. */
    public record Detected(DataStream<FrictionMoment> moments, DataStream<DeadLetter> late) {}

    private static SingleOutputStreamOperator<FrictionMoment> match(KeyedStream<ShopperEvent, String> interactions,
                                                    Pattern<ShopperEvent, ShopperEvent> pattern, String name,
                                                    MatchHandler handler) {
        SingleOutputStreamOperator<FrictionMoment> out = CEP.pattern(interactions, pattern)
                .inEventTime()
                .sideOutputLateData(LATE)
                .process(new CountingMatchFunction(name, handler))
                .uid("friction-" + name)
                .name("Friction: " + name);
        return out;
    }

    /** Turns one match into moments. */
    @FunctionalInterface
    interface MatchHandler extends java.io.Serializable {
        void handle(Map<String, List<ShopperEvent>> match, Collector<FrictionMoment> out);
    }

    /** Runs a {@link MatchHandler} and counts matches per pattern ({@code frictionMatches}). */
    private static final class CountingMatchFunction extends PatternProcessFunction<ShopperEvent, FrictionMoment> {
        private final String pattern;
        private final MatchHandler handler;
        private transient Counter matches;

        CountingMatchFunction(String pattern, MatchHandler handler) {
            this.pattern = pattern;
            this.handler = handler;
        }

        @Override
        public void open(OpenContext openContext) {
            matches = getRuntimeContext().getMetricGroup().addGroup("pattern", pattern).counter("frictionMatches");
        }

        @Override
        public void processMatch(Map<String, List<ShopperEvent>> match, Context ctx, Collector<FrictionMoment> out) {
            matches.inc();
            handler.handle(match, out);
        }
    }

    /** A click on the same target as the first click of the match. */
    private static final class SameTargetClick extends IterativeCondition<ShopperEvent> {
        @Override
        public boolean filter(ShopperEvent e, Context<ShopperEvent> ctx) throws Exception {
            if (!e.is(InteractionType.CLICK)) {
                return false;
            }
            for (ShopperEvent first : ctx.getEventsForPattern("first")) {
                return Objects.equals(first.interaction().target(), e.interaction().target());
            }
            return false;
        }
    }
}
