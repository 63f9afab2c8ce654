package io.moments.friction;

import io.moments.ingest.InteractionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A flink-cep match as a {@link FrictionMoment}: when it is established (the last event, or an
 * absence's deadline) and the evidence in words, from interaction types, page kinds and checkout
 * steps only (never a target or other content).
 */
final class MatchWords {

    private MatchWords() {}

    static FrictionMoment moment(String sessionId, PatternSpec spec, Map<String, List<PatternEvent>> match) {
        List<String> parts = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < spec.steps().size(); i++) {
            List<PatternEvent> events = match.getOrDefault(PatternCompiler.stage(i), List.of());
            if (events.isEmpty()) {
                continue;
            }
            first = Math.min(first, events.get(0).ts);
            last = Math.max(last, events.get(events.size() - 1).ts);
            parts.add(step(events, spec.steps().get(i)));
        }
        String what = String.join(" then ", parts);
        if (spec.isAbsence()) {
            long deadline = first + spec.within().toMillis();
            return new FrictionMoment(sessionId, spec.id(), deadline, first,
                    what + " with no " + spec.absent().describe() + " for " + span(spec.within().toMillis()), true);
        }
        return new FrictionMoment(sessionId, spec.id(), last, first, what + " within " + span(last - first), false);
    }

    /** {@code click ×3 on one target}, {@code checkout_step shipping}, {@code page_view pricing}. */
    private static String step(List<PatternEvent> events, PatternSpec.Step step) {
        PatternEvent e = events.get(events.size() - 1);
        StringBuilder s = new StringBuilder(e.type.wireName());
        if (e.type == InteractionType.PAGE_VIEW && e.pageKind != null) {
            s.append(' ').append(e.pageKind.wireName());
        } else if (e.type == InteractionType.CHECKOUT_STEP && e.step != null) {
            s.append(' ').append(e.step);
        }
        if (events.size() > 1) {
            s.append(" ×").append(events.size());
            if (step.same().contains("target")) {
                s.append(" on one target");
            }
        }
        return s.toString();
    }

    /** {@code 800ms}, {@code 1.9s}, {@code 40s}. */
    private static String span(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        return ms < 10_000 && ms % 1000 != 0 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0) : ms / 1000 + "s";
    }
}
