package io.moments.labels;

import io.moments.config.LabelSettings;

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
 * What one event says about a shopper's state, as label impulses in 0..1 (before smoothing). These
 * are hand-set behavioural heuristics, documented in docs/labels.md; model signals join them in the
 * inference stage. Reads the track before the event is applied.
 */
public final class BehaviourSignals {

    private static final Set<PageKind> DECISION_PAGES =
            EnumSet.of(PageKind.PRODUCT, PageKind.PRICING, PageKind.CART, PageKind.CHECKOUT);
    private static final long LONG_IDLE_MS = 600_000;
    private static final long REPEAT_SEARCH_MS = 60_000;
    private static final long QUICK_STEP_MS = 20_000;

    private BehaviourSignals() {}

    public static LabelScores of(LabelTrack track, ShopperEvent e, LabelSettings settings) {
        LabelScores impulse = LabelScores.ZERO;
        impulse = dwell(track, e, settings, impulse);
        if (e.interaction() != null) {
            impulse = interaction(track, e, e.interaction(), impulse);
        } else if (e.text() != null && e.text().channel() == TextChannel.SEARCH
                && e.ts() - track.lastSearchAt < REPEAT_SEARCH_MS) {
            impulse = add(impulse, Label.CONFUSION, 0.25);
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
        double strength = Math.min(0.5, 0.15 + 0.35 * (gap - dwell) / 60_000.0);
        return add(impulse, Label.HESITATION, strength);
    }

    private static LabelScores interaction(LabelTrack track, ShopperEvent e, Interaction i, LabelScores impulse) {
        String target = i.target() == null ? "" : i.target().toLowerCase(Locale.ROOT);
        switch (i.type()) {
            case PAGE_VIEW -> {
                PageKind kind = i.pageKind();
                if (kind != null && kind == track.pageBeforeLast && kind != track.lastPage
                        && e.ts() - track.lastPageAt < 60_000) {
                    // A -> B -> A within a minute: going back and forth.
                    impulse = add(impulse, Label.CONFUSION, 0.3);
                    if (kind == PageKind.PRICING || kind == PageKind.PRODUCT) {
                        impulse = add(impulse, Label.PRICE_SENSITIVITY, 0.25); // comparing
                    }
                }
                if (kind == PageKind.PRICING) {
                    impulse = add(impulse, Label.PRICE_SENSITIVITY, 0.3);
                }
                if (kind == PageKind.SUPPORT) {
                    impulse = add(impulse, track.stage.compareTo(FunnelStage.CART) >= 0
                            ? Label.TRUST_CONCERN : Label.CONFUSION, 0.3);
                }
            }
            case SEARCH -> {
                if (e.ts() - track.lastSearchAt < REPEAT_SEARCH_MS) {
                    impulse = add(impulse, Label.CONFUSION, 0.25);
                }
            }
            case HOVER -> {
                if (target.contains("return") || target.contains("secur") || target.contains("guarantee")
                        || target.contains("shipping")) {
                    impulse = add(impulse, Label.TRUST_CONCERN, 0.25);
                } else if (target.contains("price")) {
                    impulse = add(impulse, Label.PRICE_SENSITIVITY, 0.15);
                }
                impulse = add(impulse, Label.HESITATION, 0.1);
            }
            case FORM_ERROR -> {
                impulse = add(impulse, Label.FRUSTRATION, 0.35);
                impulse = add(impulse, Label.CONFUSION, 0.15);
            }
            case REMOVE_FROM_CART -> {
                impulse = add(impulse, Label.HESITATION, 0.3);
                impulse = add(impulse, Label.PRICE_SENSITIVITY, 0.25);
            }
            case CONTACT_CLICK, CHAT_OPEN -> impulse = add(impulse,
                    track.stage.compareTo(FunnelStage.CART) >= 0 ? Label.TRUST_CONCERN : Label.CONFUSION, 0.25);
            case ADD_TO_CART -> impulse = add(impulse, Label.DELIGHT, 0.3);
            case CHECKOUT_STEP -> {
                if (e.ts() - track.lastCheckoutStepAt < QUICK_STEP_MS) {
                    impulse = add(impulse, Label.DELIGHT, 0.2); // moving through checkout briskly
                }
            }
            case PURCHASE -> impulse = add(impulse, Label.DELIGHT, 0.6);
            case SCROLL -> {
                if (i.depth() != null && i.depth() > 0.9 && track.lastPage == PageKind.PRODUCT) {
                    impulse = add(impulse, Label.HESITATION, 0.1); // read everything, still undecided
                }
            }
            default -> { }
        }
        return impulse;
    }

    private static LabelScores add(LabelScores scores, Label label, double value) {
        return scores.with(label, scores.get(label) + value);
    }
}
