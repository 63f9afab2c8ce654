package io.moments.friction;

import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The four friction patterns as small state machines over one session's interactions, fed in
 * event-time order by {@link FrictionTracker} (which places an event that arrives out of order where it
 * happened). Semantics follow CEP's with skip-past-last-event: one moment per match, and a match
 * discards the partial matches that began before it ended.
 *
 * <p>Why not flink-cep operators: they are a second keyed stage whose output must meet the session
 * stage's own events at the same instant. Measured on this job: a label crossing and the friction
 * moment of the same instant were sometimes decided apart (after an input outage and under
 * backpressure), and four CEP operators re-read every session with a partial match on every
 * watermark. Here both come from one sorted sequence, and a session costs one timer (a pause deadline).
 */
public final class FrictionDetector {

    public static final String CHECKOUT_PAUSE = "checkout_pause";
    public static final String PRICING_CONTACT = "pricing_contact";
    public static final String RAGE_CLICK = "rage_click";
    public static final String FORM_ERROR_LOOP = "form_error_loop";
    public static final List<String> PATTERNS = List.of(CHECKOUT_PAUSE, PRICING_CONTACT, RAGE_CLICK, FORM_ERROR_LOOP);

    private final FrictionSettings settings;

    public FrictionDetector(FrictionSettings settings) {
        this.settings = settings;
    }

    /** When an unanswered checkout step becomes a pause; {@link Long#MAX_VALUE} when none is pending. */
    public long pauseDeadline(FrictionState s) {
        return s.checkoutStepTs == Long.MIN_VALUE ? Long.MAX_VALUE : s.checkoutStepTs + settings.checkoutPause().toMillis();
    }

    /** The pause moment, once its deadline has passed; call before events at or after the deadline. */
    public FrictionMoment pause(String sessionId, FrictionState s) {
        long stepTs = s.checkoutStepTs;
        s.checkoutStepTs = Long.MIN_VALUE;
        return new FrictionMoment(sessionId, CHECKOUT_PAUSE, stepTs + settings.checkoutPause().toMillis(), stepTs,
                "checkout step " + s.checkoutStepName + " without progress for " + settings.checkoutPause().toSeconds() + "s");
    }

    /** Feeds one interaction (in event-time order, after any pause due before it) and returns the moments it completes. */
    public List<FrictionMoment> onEvent(FrictionState s, String sessionId, PatternEvent e) {
        List<FrictionMoment> moments = new ArrayList<>(1);
        if (e.is(InteractionType.CHECKOUT_STEP)) {
            // A step by number or by name is progress alike: any new step restarts the pause.
            s.checkoutStepTs = e.ts;
            s.checkoutStepName = e.step;
        } else if (e.is(InteractionType.PURCHASE)) {
            s.checkoutStepTs = Long.MIN_VALUE;
        }
        pricingContact(s, sessionId, e, moments);
        rageClick(s, sessionId, e, moments);
        formErrorLoop(s, sessionId, e, moments);
        return moments;
    }

    /** Contact intent within the window after a pricing view (the earliest view still in the window). */
    private void pricingContact(FrictionState s, String sessionId, PatternEvent e, List<FrictionMoment> out) {
        long within = settings.pricingContactWithin().toMillis();
        if (isContactIntent(e)) {
            s.pricingViews = inWindow(s.pricingViews, e.ts, within);
            if (s.pricingViews.length > 0) {
                long pricing = s.pricingViews[0];
                out.add(new FrictionMoment(sessionId, PRICING_CONTACT, e.ts, pricing,
                        e.type.wireName() + " " + (e.ts - pricing) / 1000 + "s after a pricing view"));
                s.pricingViews = new long[0];
            }
        }
        if (e.isPage(PageKind.PRICING)) {
            s.pricingViews = append(inWindow(s.pricingViews, e.ts, within), e.ts);
        }
    }

    /** N clicks in a row (no other interaction between) on one target within the span. */
    private void rageClick(FrictionState s, String sessionId, PatternEvent e, List<FrictionMoment> out) {
        if (!e.is(InteractionType.CLICK)) {
            s.clickRun = new long[0];
            s.clickTarget = null;
            return;
        }
        String target = e.target;
        s.clickRun = s.clickRun.length > 0 && Objects.equals(s.clickTarget, target) ? append(s.clickRun, e.ts)
                : new long[] {e.ts};
        s.clickTarget = target;
        int n = settings.rageClicks();
        if (s.clickRun.length >= n) {
            long first = s.clickRun[s.clickRun.length - n];
            if (e.ts - first < settings.rageClickWithin().toMillis()) {
                out.add(new FrictionMoment(sessionId, RAGE_CLICK, e.ts, first,
                        n + " clicks on one target within " + (e.ts - first) + "ms"));
                s.clickRun = new long[0];
                s.clickTarget = null;
            } else {
                s.clickRun = Arrays.copyOfRange(s.clickRun, s.clickRun.length - n + 1, s.clickRun.length);
            }
        }
    }

    /** N form errors within the span, whatever happens between them. */
    private void formErrorLoop(FrictionState s, String sessionId, PatternEvent e, List<FrictionMoment> out) {
        if (!e.is(InteractionType.FORM_ERROR)) {
            return;
        }
        s.formErrors = append(inWindow(s.formErrors, e.ts, settings.formErrorWithin().toMillis()), e.ts);
        if (s.formErrors.length >= settings.formErrors()) {
            long first = s.formErrors[0];
            out.add(new FrictionMoment(sessionId, FORM_ERROR_LOOP, e.ts, first,
                    s.formErrors.length + " form errors within " + (e.ts - first) / 1000 + "s"));
            s.formErrors = new long[0];
        }
    }

    public static boolean isContactIntent(PatternEvent e) {
        return e.is(InteractionType.CONTACT_CLICK) || e.is(InteractionType.CHAT_OPEN) || e.isPage(PageKind.CONTACT);
    }

    /** The timestamps less than {@code within} before {@code now} (a match needs last − first < within). */
    private static long[] inWindow(long[] ts, long now, long within) {
        int from = 0;
        while (from < ts.length && now - ts[from] >= within) {
            from++;
        }
        return from == 0 ? ts : Arrays.copyOfRange(ts, from, ts.length);
    }

    private static long[] append(long[] ts, long value) {
        long[] next = Arrays.copyOf(ts, ts.length + 1);
        next[ts.length] = value;
        return next;
    }
}
