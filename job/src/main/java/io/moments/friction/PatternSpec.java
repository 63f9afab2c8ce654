package io.moments.friction;

import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A friction pattern as an analyst writes it in a policy ({@code patterns[]} of {@code policy/v1},
 * schema {@code contracts/pattern.v1.schema.json}): steps of interactions in the session's order,
 * optionally followed by an absence, all within one span. {@link PatternSpecs} reads it,
 * {@link PatternCompiler} turns it into a flink-cep {@code Pattern}.
 *
 * @param id          the trigger name rules and decisions use
 * @param within      the span from the first event to the last (or to the absence's deadline)
 * @param steps       one or more steps, in order
 * @param absent      what must not follow the steps within the span (the pattern then fires at the
 *                    deadline: a pause, an abandonment); null for a pattern without an absence
 * @param fingerprint identifies this exact definition, so a changed pattern starts from no partial matches
 */
public record PatternSpec(String id, Duration within, List<Step> steps, Where absent, long fingerprint)
        implements Serializable {

    /** A step: an interaction matching {@link #where}, {@link #times} times. */
    public record Step(Where where, int times, boolean strict, List<String> same) implements Serializable {}

    /** An absence pattern fires at its deadline, not on an event. */
    public boolean isAbsence() {
        return absent != null;
    }

    /**
     * What one interaction must be: each field given must match (a list means any of its values),
     * and when {@link #anyOf} is given, at least one of those alternatives too.
     */
    public record Where(Set<InteractionType> types, Set<PageKind> pageKinds, Set<String> targets,
                        List<String> targetContains, Set<String> checkoutSteps, List<Where> anyOf)
            implements Serializable {

        public static final List<String> FIELDS = List.of("type", "pageKind", "target", "targetContains", "step", "anyOf");

        public boolean matches(PatternEvent e) {
            if (!types.isEmpty() && !types.contains(e.type)) {
                return false;
            }
            if (!pageKinds.isEmpty() && (e.type != InteractionType.PAGE_VIEW || !pageKinds.contains(e.pageKind))) {
                return false;
            }
            if (!targets.isEmpty() && !targets.contains(e.target)) {
                return false;
            }
            if (!targetContains.isEmpty() && (e.target == null || targetContains.stream().noneMatch(e.target::contains))) {
                return false;
            }
            if (!checkoutSteps.isEmpty() && !checkoutSteps.contains(e.step)) {
                return false;
            }
            return anyOf.isEmpty() || anyOf.stream().anyMatch(w -> w.matches(e));
        }

        /** Words for explanations: {@code checkout_step or purchase}. */
        public String describe() {
            if (!types.isEmpty()) {
                return String.join(" or ", types.stream().map(InteractionType::wireName).sorted().toList());
            }
            if (!anyOf.isEmpty()) {
                return String.join(" or ", anyOf.stream().map(Where::describe).toList());
            }
            return pageKinds.isEmpty() ? "any interaction"
                    : "page_view " + String.join("/", pageKinds.stream().map(PageKind::wireName).sorted().toList());
        }
    }

    /** The value of a {@code same} field of an interaction. */
    public static Object field(PatternEvent e, String name) {
        return switch (name) {
            case "type" -> e.type;
            case "pageKind" -> e.pageKind;
            case "target" -> e.target;
            case "step" -> e.step;
            default -> throw new IllegalArgumentException("not a pattern field: " + name);
        };
    }

    static boolean sameFields(PatternEvent a, PatternEvent b, List<String> fields) {
        for (String f : fields) {
            if (!Objects.equals(field(a, f), field(b, f))) {
                return false;
            }
        }
        return true;
    }
}
