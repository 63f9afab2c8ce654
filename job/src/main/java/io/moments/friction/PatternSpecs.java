package io.moments.friction;

import com.fasterxml.jackson.databind.JsonNode;
import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;
import org.apache.flink.util.TimeUtils;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the {@code patterns} of a policy into {@link PatternSpec}s, collecting every problem (with
 * the pattern's id) instead of stopping at the first, and compiles each with flink-cep so a pattern
 * the engine would refuse is refused with the policy.
 */
public final class PatternSpecs {

    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final int MAX_STEPS = 10;
    static final int MAX_TIMES = 100;
    private static final Set<String> PATTERN_FIELDS = Set.of("id", "within", "steps", "notFollowedBy", "description");
    private static final Set<String> STEP_FIELDS = Set.of("where", "times", "contiguity", "same");
    private static final Set<String> SAME_FIELDS = Set.of("type", "pageKind", "target", "step");

    private PatternSpecs() {}

    /**
     * @param longest the longest {@code within} allowed: the session idle timeout (a session
     *                forgets its partial matches when it expires)
     */
    public static List<PatternSpec> parse(JsonNode patterns, Duration longest, List<String> problems) {
        List<PatternSpec> out = new ArrayList<>();
        if (patterns.isMissingNode()) {
            return out;
        }
        if (!patterns.isArray()) {
            problems.add("patterns must be a list");
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode n : patterns) {
            String id = n.path("id").asText("");
            String where = "pattern " + (id.isEmpty() ? "#" + (out.size() + 1) : id);
            List<String> mine = new ArrayList<>();
            if (!n.isObject()) {
                problems.add(where + ": must be an object");
                continue;
            }
            if (!ID.matcher(id).matches()) {
                mine.add("id must match " + ID.pattern());
            } else if (!ids.add(id)) {
                mine.add("duplicate id");
            }
            unknownFields(n, PATTERN_FIELDS, "", mine);
            Duration within = duration(n.path("within"), longest, mine);
            List<PatternSpec.Step> steps = new ArrayList<>();
            if (!n.path("steps").isArray() || n.path("steps").isEmpty()) {
                mine.add("steps must be a non-empty list");
            } else if (n.path("steps").size() > MAX_STEPS) {
                mine.add("at most " + MAX_STEPS + " steps");
            } else {
                int i = 0;
                for (JsonNode step : n.path("steps")) {
                    steps.add(step(step, "steps[" + i++ + "]", mine));
                }
            }
            PatternSpec.Where absent = null;
            if (n.has("notFollowedBy")) {
                unknownFields(n.path("notFollowedBy"), Set.of("where"), "notFollowedBy.", mine);
                absent = where(n.path("notFollowedBy").path("where"), "notFollowedBy.where", mine);
            }
            if (mine.isEmpty()) {
                PatternSpec spec = new PatternSpec(id, within, List.copyOf(steps), absent, fingerprint(n));
                String compileProblem = PatternCompiler.check(spec);
                if (compileProblem != null) {
                    mine.add("flink-cep refuses it: " + compileProblem);
                } else {
                    out.add(spec);
                }
            }
            for (String p : mine) {
                problems.add(where + ": " + p);
            }
        }
        return out;
    }

    private static PatternSpec.Step step(JsonNode n, String path, List<String> problems) {
        unknownFields(n, STEP_FIELDS, path + ".", problems);
        PatternSpec.Where where = where(n.path("where"), path + ".where", problems);
        int times = 1;
        if (n.has("times")) {
            JsonNode t = n.get("times");
            if (!t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > MAX_TIMES) {
                problems.add(path + ".times must be an integer within 1.." + MAX_TIMES);
            } else {
                times = t.asInt();
            }
        }
        String contiguity = n.path("contiguity").asText("relaxed");
        if (!contiguity.equals("strict") && !contiguity.equals("relaxed")) {
            problems.add(path + ".contiguity must be strict or relaxed");
        }
        List<String> same = new ArrayList<>();
        for (JsonNode f : n.path("same")) {
            if (!SAME_FIELDS.contains(f.asText())) {
                problems.add(path + ".same: unknown field " + f.asText() + " (one of " + new java.util.TreeSet<>(SAME_FIELDS) + ")");
            } else {
                same.add(f.asText());
            }
        }
        return new PatternSpec.Step(where, times, contiguity.equals("strict"), List.copyOf(same));
    }

    private static PatternSpec.Where where(JsonNode n, String path, List<String> problems) {
        if (!n.isObject()) {
            problems.add(path + " must be an object");
            return null;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!PatternSpec.Where.FIELDS.contains(f)) {
                problems.add(path + ": unknown field " + f + " (one of " + PatternSpec.Where.FIELDS + ")");
            }
        }
        List<PatternSpec.Where> anyOf = new ArrayList<>();
        if (n.has("anyOf")) {
            if (!n.get("anyOf").isArray() || n.get("anyOf").isEmpty()) {
                problems.add(path + ".anyOf must be a non-empty list");
            } else {
                int i = 0;
                for (JsonNode alt : n.get("anyOf")) {
                    PatternSpec.Where w = where(alt, path + ".anyOf[" + i++ + "]", problems);
                    if (w != null) {
                        anyOf.add(w);
                    }
                }
            }
        }
        return new PatternSpec.Where(
                values(n.path("type"), path + ".type", v -> enumValue(InteractionType.class, v), problems),
                values(n.path("pageKind"), path + ".pageKind", v -> enumValue(PageKind.class, v), problems),
                values(n.path("target"), path + ".target", v -> v, problems),
                List.copyOf(values(n.path("targetContains"), path + ".targetContains", v -> v, problems)),
                values(n.path("step"), path + ".step", v -> v, problems),
                List.copyOf(anyOf));
    }

    /** A string or a list of strings (any of), each mapped; an unknown value is a problem. */
    private static <T> Set<T> values(JsonNode n, String path, Function<String, T> map, List<String> problems) {
        if (n.isMissingNode()) {
            return Set.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(items::add);
        } else {
            items.add(n);
        }
        Set<T> out = new LinkedHashSet<>();
        for (JsonNode item : items) {
            // A step is written as a number or a name, as in interaction/v1; both compare as text.
            boolean stepNumber = item.isIntegralNumber() && path.endsWith(".step");
            if ((!item.isTextual() && !stepNumber) || item.asText().isEmpty()) {
                problems.add(path + " must be a non-empty string or a list of them");
                continue;
            }
            T v = map.apply(item.asText());
            if (v == null) {
                problems.add(path + ": unknown value " + item.asText());
            } else {
                out.add(v);
            }
        }
        if (n.isArray() && n.isEmpty()) {
            problems.add(path + " must not be an empty list");
        }
        return Collections.unmodifiableSet(out);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String wireName) {
        try {
            E e = Enum.valueOf(type, wireName.toUpperCase(Locale.ROOT));
            return e.name().toLowerCase(Locale.ROOT).equals(wireName) ? e : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Duration duration(JsonNode n, Duration longest, List<String> problems) {
        if (!n.isTextual()) {
            problems.add("within must be a duration such as \"30s\" or \"5m\"");
            return null;
        }
        Duration d;
        try {
            d = TimeUtils.parseDuration(n.asText());
        } catch (IllegalArgumentException e) {
            problems.add("within '" + n.asText() + "' does not parse: " + e.getMessage());
            return null;
        }
        if (d.isZero() || d.isNegative()) {
            problems.add("within must be positive");
        } else if (d.compareTo(longest) > 0) {
            problems.add("within " + n.asText() + " exceeds the session idle timeout (" + TimeUtils.formatWithHighestUnit(longest) + ")");
        }
        return d;
    }

    private static void unknownFields(JsonNode n, Set<String> known, String prefix, List<String> problems) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add("unknown field " + prefix + f);
            }
        }
    }

    /** The first 8 bytes of the SHA-256 of the pattern's JSON as written (after parsing, so whitespace does not count). */
    private static long fingerprint(JsonNode n) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(n.toString().getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
