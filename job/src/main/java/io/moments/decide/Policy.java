package io.moments.decide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.config.MomentsOptions;
import io.moments.friction.PatternSpec;
import io.moments.friction.PatternSpecs;
import io.moments.labels.FunnelStage;
import io.moments.labels.LabelRules;
import io.moments.labels.Moment;
import io.moments.models.Label;
import io.moments.privacy.ConsentRules;
import org.apache.flink.util.TimeUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A decision policy as data ({@code policy/v1} JSON): label thresholds and fusion weights, ambiguity
 * bounds, holdout share, caps, guardrails, context weights by funnel stage and micro-moment, the
 * interventions and the rules that pick them. {@link #parse} validates everything and reports every
 * problem at once; an invalid policy never replaces a valid one. The shipped default is
 * {@code policies/default-policy.json}.
 */
public record Policy(
        String version,
        LabelRules labels,
        double minConfidence,
        double nearTieGap,
        int holdoutPercent,
        int maxActs,
        long capWindowMs,
        long cooldownMs,
        List<String> pressureTactics,
        Map<Label, Double> suppressWhen,
        Map<FunnelStage, Map<Label, Double>> stageWeights,
        Map<Moment, Map<Label, Double>> momentWeights,
        Map<String, Intervention> interventions,
        String safeDefault,
        String nonPersonalizedDefault,
        List<PatternSpec> patterns,
        List<Rule> rules,
        Learning learning,
        ConsentRules consent,
        long expiryMs,
        String json) {

    public static final String SCHEMA = "policy/v1";
    public static final String DEFAULT_RESOURCE = "policies/default-policy.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long a decision stays fresh when neither the intervention nor the policy says. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(30);

    /**
     * An intervention the consumer knows how to render. Safe ones may be used when signals are ambiguous.
     *
     * @param expiryMs how long after its moment a decision for it is stale (the policy's default unless set)
     */
    public record Intervention(String name, boolean safe, String adTone, long expiryMs) {}

    /** First matching rule wins; null/empty matchers match anything. */
    public record Rule(String id, String trigger, Label label, Set<FunnelStage> stages, Set<Moment> moments,
                       List<String> interventions) {

        boolean matches(String firstTrigger, Label strongest, FunnelStage stage, Moment moment) {
            return (trigger.equals("*") || trigger.equals(firstTrigger))
                    && (label == null || label == strongest)
                    && (stages.isEmpty() || stages.contains(stage))
                    && (moments.isEmpty() || moments.contains(moment));
        }
    }

    /** Optional Thompson-sampling choice among a rule's allowed interventions. */
    public record Learning(boolean enabled, double priorSuccesses, double priorFailures, long attributionWindowMs) {}

    /** Why a policy was refused: every problem found. */
    public static final class InvalidPolicyException extends Exception {
        private final List<String> problems;

        InvalidPolicyException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static Policy defaultPolicy() {
        try (InputStream in = Policy.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidPolicyException e) {
            throw new IllegalStateException("the shipped default policy is invalid: " + e.getMessage(), e);
        }
    }

    public Intervention intervention(String name) {
        return interventions.get(name);
    }

    public double weight(FunnelStage stage, Moment moment, Label label) {
        return stageWeights.getOrDefault(stage, Map.of()).getOrDefault(label, 1.0)
                * momentWeights.getOrDefault(moment, Map.of()).getOrDefault(label, 1.0);
    }

    public Rule ruleFor(String firstTrigger, Label strongest, FunnelStage stage, Moment moment) {
        for (Rule rule : rules) {
            if (rule.matches(firstTrigger, strongest, stage, moment)) {
                return rule;
            }
        }
        return null;
    }

    /** Parses a policy whose patterns may span up to the default session idle timeout. */
    public static Policy parse(String json) throws InvalidPolicyException {
        return parse(json, MomentsOptions.SESSION_IDLE.defaultValue());
    }

    /**
     * @param longestPattern the longest {@code within} a pattern may have: the session idle timeout
     *                       the job runs with (a session forgets its partial matches when it expires)
     */
    public static Policy parse(String json, Duration longestPattern) throws InvalidPolicyException {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidPolicyException(List.of("not JSON: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException(List.of("a policy is a JSON object"));
        }
        Reader r = new Reader(problems);
        if (!SCHEMA.equals(root.path("schema").asText())) {
            problems.add("schema must be " + SCHEMA);
        }
        String version = r.string(root, "version");
        if (version != null && (version.isBlank() || version.length() > 64)) {
            problems.add("version must have 1..64 chars");
        }
        JsonNode labels = root.path("labels");
        double threshold = r.unit(labels, "threshold", "labels.threshold");
        double rearm = r.unit(labels, "rearmBelow", "labels.rearmBelow");
        if (rearm >= threshold) {
            problems.add("labels.rearmBelow must be below labels.threshold");
        }
        JsonNode fw = labels.path("fusionWeights");
        LabelRules labelRules = new LabelRules(threshold, rearm,
                r.unit(fw, "behaviour", "labels.fusionWeights.behaviour"), r.unit(fw, "text", "labels.fusionWeights.text"),
                r.unit(fw, "face", "labels.fusionWeights.face"), r.unit(fw, "voice", "labels.fusionWeights.voice"),
                r.unit(labels, "conflictGap", "labels.conflictGap"));
        JsonNode ambiguity = root.path("ambiguity");
        double minConfidence = r.unit(ambiguity, "minConfidence", "ambiguity.minConfidence");
        double nearTie = r.unit(ambiguity, "nearTieGap", "ambiguity.nearTieGap");
        int holdout = r.integer(root, "holdoutPercent", 0, 100);
        JsonNode caps = root.path("caps");
        int maxActs = r.integer(caps, "maxActs", 1, 1000);
        long window = r.integer(caps, "windowSeconds", 1, 86_400) * 1000L;
        long cooldown = r.integer(caps, "cooldownSeconds", 0, 86_400) * 1000L;

        JsonNode guard = root.path("guardrails");
        List<String> tactics = new ArrayList<>();
        guard.path("pressureTactics").forEach(t -> tactics.add(t.asText()));
        for (String required : List.of("urgency", "scarcity", "countdown")) {
            if (!tactics.contains(required)) {
                problems.add("guardrails.pressureTactics must include " + required);
            }
        }
        Map<Label, Double> suppressWhen = r.labelMap(guard.path("suppressWhen"), "guardrails.suppressWhen", 0, 1);
        for (Label required : List.of(Label.FRUSTRATION, Label.HESITATION)) {
            Double v = suppressWhen.get(required);
            if (v == null || v > 0.7) {
                problems.add("guardrails.suppressWhen." + required.wireName() + " is required and at most 0.7");
            }
        }

        Map<FunnelStage, Map<Label, Double>> stageWeights = new EnumMap<>(FunnelStage.class);
        Map<Moment, Map<Label, Double>> momentWeights = new EnumMap<>(Moment.class);
        JsonNode cw = root.path("contextWeights");
        cw.path("stage").fields().forEachRemaining(e -> {
            FunnelStage stage = r.enumValue(FunnelStage.class, e.getKey(), "contextWeights.stage");
            Map<Label, Double> m = r.labelMap(e.getValue(), "contextWeights.stage." + e.getKey(), 0, 3);
            if (stage != null) {
                stageWeights.put(stage, m);
            }
        });
        cw.path("moment").fields().forEachRemaining(e -> {
            Moment moment = r.enumValue(Moment.class, e.getKey(), "contextWeights.moment");
            Map<Label, Double> m = r.labelMap(e.getValue(), "contextWeights.moment." + e.getKey(), 0, 3);
            if (moment != null) {
                momentWeights.put(moment, m);
            }
        });

        long expiry = duration(root.path("expiry").path("default"), "expiry.default", DEFAULT_EXPIRY, problems);
        Map<String, Intervention> interventions = interventions(root.path("interventions"), expiry, problems);
        if (interventions.isEmpty()) {
            problems.add("interventions must not be empty");
        }
        String safeDefault = r.string(root, "safeDefault");
        String nonPersonalized = r.string(root, "nonPersonalizedDefault");
        for (String name : new String[]{safeDefault, nonPersonalized}) {
            if (name != null && (!interventions.containsKey(name) || !interventions.get(name).safe())) {
                problems.add("default intervention " + name + " must be a defined, safe intervention");
            }
        }
        for (Intervention i : interventions.values()) {
            if (tactics.contains(i.name())) {
                problems.add("intervention " + i.name() + " is a pressure tactic");
            }
        }
        for (String tactic : tactics) {
            if (Targeting.mentionsLabel(tactic)) {
                problems.add("guardrails.pressureTactics: " + tactic + " names an emotion label (tactics reach ad servers)");
            }
        }
        ConsentRules consent = ConsentRules.parse(root.path("consent"), problems);

        List<PatternSpec> patterns = PatternSpecs.parse(root.path("patterns"), longestPattern, problems);
        Set<String> patternIds = new TreeSet<>();
        patterns.forEach(p -> patternIds.add(p.id()));

        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        boolean catchAll = false;
        for (JsonNode n : root.path("rules")) {
            String id = n.path("id").asText("");
            if (id.isEmpty() || !ids.add(id)) {
                problems.add("every rule needs a unique id (" + (id.isEmpty() ? "missing" : id) + ")");
            }
            String trigger = n.path("trigger").asText("");
            if (!trigger.equals("*") && !Triggers.isLabel(trigger) && !patternIds.contains(trigger)) {
                problems.add("rule " + id + ": unknown trigger '" + trigger + "' (neither label:<name> nor a pattern of this policy)");
            }
            Label label = null;
            if (n.hasNonNull("label")) {
                try {
                    label = Label.fromWireName(n.get("label").asText());
                } catch (IllegalArgumentException e) {
                    problems.add("rule " + id + ": unknown label " + n.get("label").asText());
                }
            }
            Set<FunnelStage> stages = new java.util.HashSet<>();
            n.path("stages").forEach(s -> {
                FunnelStage st = r.enumValue(FunnelStage.class, s.asText(), "rule " + id + " stages");
                if (st != null) {
                    stages.add(st);
                }
            });
            Set<Moment> moments = new java.util.HashSet<>();
            n.path("moments").forEach(s -> {
                Moment m = r.enumValue(Moment.class, s.asText(), "rule " + id + " moments");
                if (m != null) {
                    moments.add(m);
                }
            });
            List<String> candidates = new ArrayList<>();
            n.path("interventions").forEach(i -> candidates.add(i.asText()));
            if (candidates.isEmpty()) {
                problems.add("rule " + id + " names no interventions");
            }
            for (String c : candidates) {
                if (!interventions.containsKey(c)) {
                    problems.add("rule " + id + ": unknown intervention " + c);
                }
            }
            catchAll |= trigger.equals("*") && label == null && stages.isEmpty() && moments.isEmpty();
            rules.add(new Rule(id, trigger, label, Collections.unmodifiableSet(stages),
                    Collections.unmodifiableSet(moments), List.copyOf(candidates)));
        }
        if (!catchAll) {
            problems.add("rules need a final catch-all rule (trigger \"*\" with no other matcher)");
        }

        JsonNode learning = root.path("learning");
        Learning learn = new Learning(learning.path("enabled").asBoolean(false),
                learning.path("priorSuccesses").asDouble(1), learning.path("priorFailures").asDouble(1),
                learning.path("attributionWindowSeconds").asLong(1800) * 1000L);
        if (learn.priorSuccesses() <= 0 || learn.priorFailures() <= 0 || learn.attributionWindowMs() <= 0) {
            problems.add("learning priors and attribution window must be positive");
        }

        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return new Policy(version, labelRules, minConfidence, nearTie, holdout, maxActs, window, cooldown,
                List.copyOf(tactics), Collections.unmodifiableMap(suppressWhen),
                Collections.unmodifiableMap(stageWeights), Collections.unmodifiableMap(momentWeights),
                Collections.unmodifiableMap(interventions), safeDefault, nonPersonalized, List.copyOf(patterns),
                List.copyOf(rules), learn, consent, expiry,
                root.toString());
    }

    private static Map<String, Intervention> interventions(JsonNode node, long defaultExpiryMs, List<String> problems) {
        Map<String, Intervention> interventions = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode n = e.getValue();
            if (!n.path("safe").isBoolean() || !n.path("adTone").isTextual()) {
                problems.add("interventions." + name + " needs safe (boolean) and adTone (string)");
            } else if (Targeting.mentionsLabel(n.path("adTone").asText())) {
                problems.add("interventions." + name + ": adTone " + n.path("adTone").asText()
                        + " names an emotion label (tones reach ad servers)");
            }
            long expiry = duration(n.path("expiresAfter"), "interventions." + name + ".expiresAfter",
                    Duration.ofMillis(defaultExpiryMs), problems);
            interventions.put(name, new Intervention(name, n.path("safe").asBoolean(), n.path("adTone").asText(), expiry));
        });
        return interventions;
    }

    /** A duration such as {@code 30s} or {@code 2 min} (Flink's syntax), 1 s .. 1 day; {@code otherwise} when absent. */
    private static long duration(JsonNode node, String path, Duration otherwise, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return otherwise.toMillis();
        }
        try {
            Duration d = TimeUtils.parseDuration(node.asText());
            if (node.isTextual() && d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofDays(1)) <= 0) {
                return d.toMillis();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(path + " must be a duration from 1s to 1d, such as \"30s\" or \"2 min\"");
        return otherwise.toMillis();
    }

    /** Reads fields and collects problems instead of failing on the first. */
    private record Reader(List<String> problems) {

        String string(JsonNode node, String field) {
            if (!node.path(field).isTextual()) {
                problems.add(field + " must be a string");
                return null;
            }
            return node.get(field).asText();
        }

        double unit(JsonNode node, String field, String path) {
            JsonNode v = node.path(field);
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
                problems.add(path + " must be a number within 0..1");
                return 0;
            }
            return v.asDouble();
        }

        int integer(JsonNode node, String field, int min, int max) {
            JsonNode v = node.path(field);
            if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                problems.add(field + " must be an integer within " + min + ".." + max);
                return min;
            }
            return v.asInt();
        }

        Map<Label, Double> labelMap(JsonNode node, String path, double min, double max) {
            Map<Label, Double> out = new EnumMap<>(Label.class);
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                try {
                    Label label = Label.fromWireName(e.getKey());
                    double v = e.getValue().asDouble(Double.NaN);
                    if (!e.getValue().isNumber() || v < min || v > max) {
                        problems.add(path + "." + e.getKey() + " must be a number within " + min + ".." + max);
                    } else {
                        out.put(label, v);
                    }
                } catch (IllegalArgumentException ex) {
                    problems.add(path + ": unknown label " + e.getKey());
                }
            }
            return out;
        }

        <E extends Enum<E>> E enumValue(Class<E> type, String name, String path) {
            try {
                return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(path + ": unknown " + type.getSimpleName() + " " + name);
                return null;
            }
        }
    }
}
