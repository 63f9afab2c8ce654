package io.moments.labels;

import io.moments.config.LabelSettings;

import io.moments.models.Signal;
import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;
import io.moments.ingest.ShopperEvent;
import io.moments.ingest.TextChannel;
import io.moments.models.Label;
import io.moments.models.LabelScores;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a session's events, applied in event-time order, into continuous fused labels.
 *
 * <p>Each modality keeps its own smoothed labels. Between events every value (and the evidence
 * behind it) decays by {@code 2^(-gap/halfLife)}. Behaviour adds impulses: {@code v += i·(1-v)}.
 * A model signal moves its modality towards what the model saw: {@code v += α·(s-v)} with
 * {@code α = 0.6·confidence}, the signal's confidence of that label (a voice chunk's frustration has
 * half its hesitation's); a strong, confident text ({@link #STRONG_TEXT}) takes the whole step. Fusion is the evidence- and weight-averaged value over the modalities that
 * have evidence; confidence is a noisy-or of the weighted modality confidences; modalities that
 * disagree mark the label conflicting rather than cancelling out (docs/labels.md).
 */
public final class SessionLabeler implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final double CONFIDENT_MODALITY = 0.3;
    private static final double MODEL_STEP = 0.6;
    /**
     * A text whose label has at least this calibrated probability is a strong, confident statement:
     * the text modality moves the whole step towards it ({@code α = confidence}), so one clearly
     * frustrated message can cross the 0.6 threshold on its own (0.8² = 0.64), while an ambiguous
     * one (top class below 0.8) moves at most 0.6·0.8·0.8 = 0.38 and needs company (docs/labels.md).
     * Text only: a shopper's written words are deliberate; one camera frame or voice chunk is not.
     */
    static final double STRONG_TEXT = 0.8;

    private final LabelSettings settings;

    public SessionLabeler(LabelSettings settings) {
        this.settings = settings;
    }

    /** Applies one event; returns the labels that crossed the threshold upward with it. */
    public List<Label> apply(LabelTrack track, ShopperEvent e, LabelRules rules) {
        long gap = decayTo(track, e.ts());
        LabelScores before = track.values;
        if (e.signal() != null) {
            observe(track, e.signal());
        }
        LabelScores impulse = BehaviourSignals.of(track, e, settings);
        for (Label label : Label.values()) {
            double i = Math.min(1, impulse.get(label));
            if (i > 0) {
                double v = track.behaviour.get(label);
                track.behaviour = track.behaviour.with(label, v + i * (1 - v));
                track.behaviourEvidence = track.behaviourEvidence.with(label, track.behaviourEvidence.get(label) + 1);
            }
        }
        fuse(track, rules);
        updateMomentum(track, before, gap);
        remember(track, e);
        return crossings(track, rules);
    }

    /** Confidence of one modality's value for a label, from the decayed evidence behind it. */
    static double modalityConfidence(double evidence) {
        return 1 - Math.exp(-evidence / 2.0);
    }

    private static void observe(LabelTrack track, Signal s) {
        LabelScores values = valuesOf(track, s.modality());
        LabelScores evidence = evidenceOf(track, s.modality());
        for (Label label : Label.values()) {
            if (!s.measures(label)) {
                continue; // the model says nothing about this label: neither evidence for nor against
            }
            double confidence = s.confidence(label); // per label where the model says so (voice: frustration at half)
            double alpha = step(s, label, confidence);
            if (alpha == 0) {
                continue;
            }
            double v = values.get(label);
            values = values.with(label, v + alpha * (Math.max(0, Math.min(1, s.scores().get(label))) - v));
            evidence = evidence.with(label, evidence.get(label) + confidence);
        }
        switch (s.modality()) {
            case TEXT -> { track.text = values; track.textEvidence = evidence; }
            case FACE -> { track.face = values; track.faceEvidence = evidence; }
            case VOICE -> { track.voice = values; track.voiceEvidence = evidence; }
            case BEHAVIOUR -> { track.behaviour = values; track.behaviourEvidence = evidence; }
        }
    }

    /** How far one model signal moves its modality's value of a label towards the signal's score. */
    static double step(Signal s, Label label, double confidence) {
        double c = Math.max(0, Math.min(1, confidence));
        boolean strongText = s.modality() == io.moments.models.Modality.TEXT
                && s.scores().get(label) >= STRONG_TEXT && c >= STRONG_TEXT;
        return strongText ? c : MODEL_STEP * c;
    }

    private static void fuse(LabelTrack track, LabelRules rules) {
        LabelScores fused = LabelScores.ZERO;
        LabelScores confidence = LabelScores.ZERO;
        String[] conflicts = new String[0];
        LabelScores[] values = {track.behaviour, track.text, track.face, track.voice};
        LabelScores[] evidence = {track.behaviourEvidence, track.textEvidence, track.faceEvidence, track.voiceEvidence};
        double[] weights = {rules.behaviour(), rules.text(), rules.face(), rules.voice()};
        for (Label label : Label.values()) {
            double weighted = 0;
            double weightSum = 0;
            double doubt = 1;
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int m = 0; m < values.length; m++) {
                double c = modalityConfidence(evidence[m].get(label));
                double w = weights[m] * c;
                weighted += w * values[m].get(label);
                weightSum += w;
                doubt *= 1 - w;
                if (c >= CONFIDENT_MODALITY) {
                    min = Math.min(min, values[m].get(label));
                    max = Math.max(max, values[m].get(label));
                }
            }
            double conf = 1 - doubt;
            if (max - min > rules.conflictGap()) {
                conflicts = LabelTrack.append(conflicts, label.wireName());
                conf *= 0.5;
            }
            fused = fused.with(label, weightSum == 0 ? 0 : weighted / weightSum);
            confidence = confidence.with(label, conf);
        }
        track.values = fused;
        track.confidence = confidence;
        track.conflictingLabels = conflicts;
    }

    private void updateMomentum(LabelTrack track, LabelScores before, long gapMs) {
        double minutes = Math.max(gapMs, 1_000) / 60_000.0;
        double keep = Math.pow(2, -(double) gapMs / settings.halfLife().toMillis());
        LabelScores m = track.momentum;
        for (Label label : Label.values()) {
            double slope = (track.values.get(label) - before.get(label)) / minutes;
            m = m.with(label, keep * m.get(label) + (1 - keep) * slope);
        }
        track.momentum = m;
    }

    /** Decays every modality to {@code ts}; returns the event-time gap (0 for the first event). */
    private long decayTo(LabelTrack track, long ts) {
        long gap = 0;
        if (track.updatedAt != Long.MIN_VALUE && ts > track.updatedAt) {
            gap = ts - track.updatedAt;
            double f = Math.pow(2, -(double) gap / settings.halfLife().toMillis());
            track.behaviour = track.behaviour.scaled(f);
            track.behaviourEvidence = track.behaviourEvidence.scaled(f);
            track.text = track.text.scaled(f);
            track.textEvidence = track.textEvidence.scaled(f);
            track.face = track.face.scaled(f);
            track.faceEvidence = track.faceEvidence.scaled(f);
            track.voice = track.voice.scaled(f);
            track.voiceEvidence = track.voiceEvidence.scaled(f);
        }
        track.updatedAt = Math.max(track.updatedAt, ts);
        return gap;
    }

    private static List<Label> crossings(LabelTrack track, LabelRules rules) {
        List<Label> crossed = new ArrayList<>(2);
        for (Label label : Label.values()) {
            double v = track.values.get(label);
            boolean armed = track.armed(label);
            if (armed && v >= rules.threshold()) {
                crossed.add(label);
                track.setArmed(label, false);
            } else if (!armed && v < rules.rearmBelow()) {
                track.setArmed(label, true);
            }
        }
        return crossed;
    }

    private static LabelScores valuesOf(LabelTrack t, io.moments.models.Modality m) {
        return switch (m) {
            case BEHAVIOUR -> t.behaviour;
            case TEXT -> t.text;
            case FACE -> t.face;
            case VOICE -> t.voice;
        };
    }

    private static LabelScores evidenceOf(LabelTrack t, io.moments.models.Modality m) {
        return switch (m) {
            case BEHAVIOUR -> t.behaviourEvidence;
            case TEXT -> t.textEvidence;
            case FACE -> t.faceEvidence;
            case VOICE -> t.voiceEvidence;
        };
    }

    private static void remember(LabelTrack track, ShopperEvent e) {
        track.events++;
        if (e.text() != null && e.text().channel() == TextChannel.SEARCH) {
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
