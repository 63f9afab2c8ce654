package io.moments.labels;

import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;
import io.moments.ingest.ShopperEvent;
import io.moments.models.Label;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a session's events, applied in event-time order, into continuous labels.
 *
 * <p>Smoothing is an event-time exponential decay: between two events each label (and the evidence
 * behind it) decays by {@code 2^(-gap/halfLife)}, then each impulse {@code i} moves the label
 * towards 1 by {@code i·(1-v)}. This is the low-pass filter a sliding event-time window would give,
 * with O(1) state per session and a value at every event instead of at window ends (docs/labels.md).
 */
public final class SessionLabeler implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final LabelSettings settings;

    public SessionLabeler(LabelSettings settings) {
        this.settings = settings;
    }

    /** Applies one event; returns the labels that crossed the threshold upward with it. */
    public List<Label> apply(LabelTrack track, ShopperEvent e) {
        decayTo(track, e.ts());
        LabelScores impulse = BehaviourSignals.of(track, e, settings);
        track.previous = track.values;
        for (Label label : Label.values()) {
            double i = Math.min(1, impulse.get(label));
            if (i > 0) {
                double v = track.values.get(label);
                track.values = track.values.with(label, v + i * (1 - v));
                track.evidence = track.evidence.with(label, track.evidence.get(label) + 1);
            }
        }
        remember(track, e);
        return crossings(track);
    }

    /** Confidence of one label: grows with the (decayed) number of observations behind it. */
    public static double confidence(LabelTrack track, Label label) {
        return 1 - Math.exp(-track.evidence.get(label) / 2.0);
    }

    private void decayTo(LabelTrack track, long ts) {
        if (track.updatedAt != Long.MIN_VALUE && ts > track.updatedAt) {
            double factor = Math.pow(2, -(double) (ts - track.updatedAt) / settings.halfLife().toMillis());
            track.values = scale(track.values, factor);
            track.evidence = scale(track.evidence, factor);
        }
        track.updatedAt = Math.max(track.updatedAt, ts);
    }

    private static LabelScores scale(LabelScores s, double f) {
        return new LabelScores(s.hesitation() * f, s.confusion() * f, s.frustration() * f,
                s.trustConcern() * f, s.priceSensitivity() * f, s.delight() * f);
    }

    private List<Label> crossings(LabelTrack track) {
        List<Label> crossed = new ArrayList<>(2);
        for (Label label : Label.values()) {
            int bit = 1 << label.ordinal();
            double v = track.values.get(label);
            boolean armed = (track.armed & bit) != 0;
            if (armed && v >= settings.threshold()) {
                crossed.add(label);
                track.armed &= ~bit;
            } else if (!armed && v < settings.rearmBelow()) {
                track.armed |= bit;
            }
        }
        return crossed;
    }

    private static void remember(LabelTrack track, ShopperEvent e) {
        track.events++;
        if (e.text() != null && e.text().channel() == io.moments.ingest.TextChannel.SEARCH) {
            track.lastSearchAt = e.ts();
        }
        if (e.interaction() == null) {
            return;
        }
        InteractionType type = e.interaction().type();
        PageKind kind = e.interaction().pageKind();
        if (type == InteractionType.PAGE_VIEW && kind != null) {
            track.pageBeforeLast = track.lastPage;
            track.lastPage = kind;
            track.lastPageAt = e.ts();
        }
        if (type == InteractionType.SEARCH) {
            track.lastSearchAt = e.ts();
        }
        if (type == InteractionType.CHECKOUT_STEP) {
            track.lastCheckoutStepAt = e.ts();
        }
        FunnelStage reached = Funnel.stageOf(type, kind);
        if (reached != null && reached.compareTo(track.stage) > 0) {
            track.stage = reached;
        }
        Moment moment = Funnel.momentOf(type, kind);
        if (moment != null) {
            track.moment = moment;
        }
    }
}
