package io.moments.labels;

import io.moments.config.LabelImpulse;
import io.moments.config.LabelSettings;
import io.moments.config.LabelWeights;

import io.moments.ingest.Interaction;
import io.moments.ingest.PageKind;
import io.moments.models.LabelScores;
import io.moments.ingest.ShopperEvent;
import io.moments.ingest.TextChannel;
import io.moments.models.Label;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What one event says about a shopper's state, as label impulses in 0..1 (before smoothing). Which
 * behaviour moves which label is fixed here; how far is each {@link LabelImpulse}'s magnitude in the
 * settings' {@link LabelWeights} (hand-set, or a fitted {@code label-weights/v1} document), documented in
 * docs/labels.md; model signals join them in the inference stage. Reads the track before the event is applied.
 */
public final class BehaviourSignals {

    private static final Set<PageKind> DECISION_PAGES =
            EnumSet.of(PageKind.PRODUCT, PageKind.PRICING, PageKind.CART, PageKind.CHECKOUT);
    private static final long LONG_IDLE_MS = 600_000;
    private static final long REPEAT_SEARCH_MS = 60_000;
    private static final long QUICK_STEP_MS = 20_000;

    /** The label each impulse moves, by {@link LabelImpulse} ordinal. */
    private static final Label[] LABEL_OF = java.util.Arrays.stream(LabelImpulse.values())
            .map(i -> Label.fromWireName(i.label())).toArray(Label[]::new);

    private BehaviourSignals() {}

    /** The label an impulse moves. */
    public static Label labelOf(LabelImpulse impulse) {
        return LABEL_OF[impulse.ordinal()];
    }

    public static LabelScores of(LabelTrack track, ShopperEvent e, LabelSettings settings) {
        LabelWeights w = settings.weights();
        LabelScores impulse = LabelScores.ZERO;
        impulse = dwell(track, e, settings, impulse);
        if (e.interaction() != null) {
            impulse = interaction(track, e, e.interaction(), w, impulse);
        } else if (e.text() != null && e.text().channel() == TextChannel.SEARCH
                && e.ts() - track.lastSearchAt < REPEAT_SEARCH_MS) {
            impulse = add(impulse, w, LabelImpulse.REPEAT_SEARCH_CONFUSION);
        }
        return impulse;
    }

    /** Lingering on a page where a decision is due reads as hesitation; a very long gap is just absence. */
    private static LabelScores dwell(LabelTrack track, ShopperEvent e, LabelSettings s, LabelScores impulse) {
        if (track.lastPage == null || !DECISION_PAGES.contains(track.lastPage)) {
            return impulse;
        }
        long gap = e.ts() - track.lastPageAt;
        long dwell = s.dwell().toMillis();
        if (gap < dwell || gap > LONG_IDLE_MS) {
            return impulse;
        }
        LabelWeights w = s.weights();
        double strength = Math.min(w.get(LabelImpulse.DWELL_MAX), w.get(LabelImpulse.DWELL_BASE)
                + w.get(LabelImpulse.DWELL_PER_MINUTE) * (gap - dwell) / 60_000.0);
        return add(impulse, Label.HESITATION, strength);
    }

    private static LabelScores interaction(LabelTrack track, ShopperEvent e, Interaction i, LabelWeights w,
                                           LabelScores impulse) {
        String target = i.target() == null ? "" : i.target().toLowerCase(Locale.ROOT);
        switch (i.type()) {
            case PAGE_VIEW -> {
                PageKind kind = i.pageKind();
                if (kind != null && kind == track.pageBeforeLast && kind != track.lastPage
                        && e.ts() - track.lastPageAt < 60_000) {
                    // A -> B -> A within a minute: going back and forth.
                    impulse = add(impulse, w, LabelImpulse.BACK_AND_FORTH_CONFUSION);
                    if (kind == PageKind.PRICING || kind == PageKind.PRODUCT) {
                        impulse = add(impulse, w, LabelImpulse.BACK_AND_FORTH_PRICE); // comparing
                    }
                }
                if (kind == PageKind.PRICING) {
                    impulse = add(impulse, w, LabelImpulse.PRICING_VIEW_PRICE);
                }
                if (kind == PageKind.SUPPORT) {
                    impulse = add(impulse, w, track.stage.compareTo(FunnelStage.CART) >= 0
                            ? LabelImpulse.SUPPORT_VIEW_TRUST : LabelImpulse.SUPPORT_VIEW_CONFUSION);
                }
            }
            case SEARCH -> {
                if (e.ts() - track.lastSearchAt < REPEAT_SEARCH_MS) {
                    impulse = add(impulse, w, LabelImpulse.REPEAT_SEARCH_CONFUSION);
                }
            }
            case HOVER -> {
                if (target.contains("return") || target.contains("secur") || target.contains("guarantee")
                        || target.contains("shipping")) {
                    impulse = add(impulse, w, LabelImpulse.HOVER_REASSURANCE_TRUST);
                } else if (target.contains("price")) {
                    impulse = add(impulse, w, LabelImpulse.HOVER_PRICE_PRICE);
                }
                impulse = add(impulse, w, LabelImpulse.HOVER_HESITATION);
            }
            case FORM_ERROR -> {
                impulse = add(impulse, w, LabelImpulse.FORM_ERROR_FRUSTRATION);
                impulse = add(impulse, w, LabelImpulse.FORM_ERROR_CONFUSION);
            }
            case REMOVE_FROM_CART -> {
                impulse = add(impulse, w, LabelImpulse.REMOVE_FROM_CART_HESITATION);
                impulse = add(impulse, w, LabelImpulse.REMOVE_FROM_CART_PRICE);
            }
            case CONTACT_CLICK, CHAT_OPEN -> impulse = add(impulse, w,
                    track.stage.compareTo(FunnelStage.CART) >= 0 ? LabelImpulse.CONTACT_TRUST : LabelImpulse.CONTACT_CONFUSION);
            case ADD_TO_CART -> impulse = add(impulse, w, LabelImpulse.ADD_TO_CART_DELIGHT);
            case CHECKOUT_STEP -> {
                if (e.ts() - track.lastCheckoutStepAt < QUICK_STEP_MS) {
                    impulse = add(impulse, w, LabelImpulse.BRISK_CHECKOUT_STEP_DELIGHT); // moving through checkout briskly
                }
            }
            case PURCHASE -> impulse = add(impulse, w, LabelImpulse.PURCHASE_DELIGHT);
            case SCROLL -> {
                if (i.depth() != null && i.depth() > 0.9 && track.lastPage == PageKind.PRODUCT) {
                    impulse = add(impulse, w, LabelImpulse.DEEP_SCROLL_HESITATION); // read everything, still undecided
                }
            }
            default -> { }
        }
        return impulse;
    }

    private static LabelScores add(LabelScores scores, LabelWeights w, LabelImpulse impulse) {
        return add(scores, LABEL_OF[impulse.ordinal()], w.get(impulse));
    }

    private static LabelScores add(LabelScores scores, Label label, double value) {
        return scores.with(label, scores.get(label) + value);
    }
}
