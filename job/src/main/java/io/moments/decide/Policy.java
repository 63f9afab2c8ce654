package io.moments.decide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.config.ContractSchema;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A decision policy as data ({@code policy/v1} JSON): label thresholds and fusion weights, ambiguity
 * bounds, holdout share, caps, guardrails, context weights by funnel stage and micro-moment, the
 * interventions and the rules that pick them. {@link #parse} validates it against
 * {@code contracts/policy.v1.schema.json}, reads its sections into records and checks what a schema cannot
 * say, and reports every problem at once; an invalid policy never replaces a valid one. The shipped
 * default is {@code policies/default-policy.json}.
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

        /** Matches every moment: trigger {@code *} and no other matcher. */
        boolean isCatchAll() {
            return trigger.equals("*") && label == null && stages.isEmpty() && moments.isEmpty();
        }

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
     * Parses and validates a policy in three steps: the JSON Schema ({@code contracts/policy.v1.schema.json}),
     * reading each section into records, and the checks across fields a schema cannot express. Every
     * problem of every step is reported at once.
     *
     * @param longestPattern the longest {@code within} a pattern may have: the session idle timeout
     *                       the job runs with (a session forgets its partial matches when it expires)
     */
    public static Policy parse(String json, Duration longestPattern) throws InvalidPolicyException {
        JsonNode root = readObject(json);
        List<ContractSchema.Problem> schemaProblems = PolicySchema.check(root);
        List<String> readerProblems = new ArrayList<>();
        Sections sections = Sections.read(root, longestPattern, readerProblems);
        List<String> problems = new ArrayList<>(schemaProblems(schemaProblems, sections));
        problems.addAll(readerProblems);
        problems.addAll(sections.patternProblems());
        problems.addAll(sections.consentProblems());
        problems.addAll(crossFieldProblems(sections));
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return sections.toPolicy(root.toString());
    }

    /** Step 0: the text is a JSON object. */
    static JsonNode readObject(String json) throws InvalidPolicyException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidPolicyException(List.of("not JSON: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException(List.of("a policy is a JSON object"));
        }
        return root;
    }

    /**
     * Step 1's problems as reported. {@code patterns} and {@code consent} have readers of their own
     * ({@link PatternSpecs}, {@link ConsentRules}) that name the pattern or jurisdiction by id; where
     * such a reader found a problem, the schema's problems in its section are left out, so that one
     * mistake is not reported twice in two wordings.
     */
    static List<String> schemaProblems(List<ContractSchema.Problem> schemaProblems, Sections sections) {
        List<String> out = new ArrayList<>();
        for (ContractSchema.Problem p : schemaProblems) {
            boolean patternsSaid = p.within("/patterns") && !sections.patternProblems().isEmpty();
            boolean consentSaid = p.within("/consent") && !sections.consentProblems().isEmpty();
            if (!patternsSaid && !consentSaid) {
                out.add(p.text());
            }
        }
        return out;
    }

    /** Step 3: what the schema cannot say, each check a method of {@link CrossField}. */
    static List<String> crossFieldProblems(Sections s) {
        List<String> problems = new ArrayList<>();
        CrossField.rearmBelowThreshold(s.labels(), problems);
        CrossField.defaultsAreSafe(s.defaults(), s.interventions(), problems);
        CrossField.noInterventionIsATactic(s.interventions(), s.guardrails(), problems);
        CrossField.adFacingNamesNameNoLabel(s.interventions(), s.guardrails(), problems);
        CrossField.rulesAreConsistent(s.rules(), s.interventions(), s.patterns(), problems);
        return problems;
    }

    /** {@code ambiguity}. */
    record Ambiguity(double minConfidence, double nearTieGap) {
        static Ambiguity read(JsonNode n) {
            return new Ambiguity(n.path("minConfidence").asDouble(), n.path("nearTieGap").asDouble());
        }
    }

    /** {@code caps}, in milliseconds. */
    record Caps(int maxActs, long windowMs, long cooldownMs) {
        static Caps read(JsonNode n) {
            return new Caps(n.path("maxActs").asInt(1), n.path("windowSeconds").asLong(1) * 1000L,
                    n.path("cooldownSeconds").asLong() * 1000L);
        }
    }

    /** {@code guardrails}. */
    record Guardrails(List<String> pressureTactics, Map<Label, Double> suppressWhen) {
        static Guardrails read(JsonNode n) {
            List<String> tactics = new ArrayList<>();
            n.path("pressureTactics").forEach(t -> tactics.add(t.asText()));
            return new Guardrails(List.copyOf(tactics), Collections.unmodifiableMap(labelMap(n.path("suppressWhen"))));
        }
    }

    /** {@code contextWeights}: multipliers by funnel stage and by micro-moment. */
    record ContextWeights(Map<FunnelStage, Map<Label, Double>> stage, Map<Moment, Map<Label, Double>> moment) {
        static ContextWeights read(JsonNode n) {
            Map<FunnelStage, Map<Label, Double>> stage = new EnumMap<>(FunnelStage.class);
            n.path("stage").fields().forEachRemaining(e -> {
                FunnelStage s = enumValue(FunnelStage.class, e.getKey());
                if (s != null) {
                    stage.put(s, labelMap(e.getValue()));
                }
            });
            Map<Moment, Map<Label, Double>> moment = new EnumMap<>(Moment.class);
            n.path("moment").fields().forEachRemaining(e -> {
                Moment m = enumValue(Moment.class, e.getKey());
                if (m != null) {
                    moment.put(m, labelMap(e.getValue()));
                }
            });
            return new ContextWeights(Collections.unmodifiableMap(stage), Collections.unmodifiableMap(moment));
        }
    }

    /** {@code safeDefault} and {@code nonPersonalizedDefault}. */
    record Defaults(String safe, String nonPersonalized) {
        static Defaults read(JsonNode root) {
            return new Defaults(text(root.path("safeDefault")), text(root.path("nonPersonalizedDefault")));
        }
    }

    /**
     * Step 2: every section read into records. The readers are lenient (a value of the wrong type
     * reads as a default): the schema has reported it, and a policy with any problem is refused.
     */
    record Sections(String version, LabelRules labels, Ambiguity ambiguity, int holdoutPercent, Caps caps,
                    Guardrails guardrails, ContextWeights weights, long expiryMs, Map<String, Intervention> interventions,
                    Defaults defaults, List<PatternSpec> patterns, List<String> patternProblems,
                    ConsentRules consent, List<String> consentProblems, List<Rule> rules, Learning learning) {

        /** @param problems where the durations' ranges are reported (the schema checks only their syntax) */
        static Sections read(JsonNode root, Duration longestPattern, List<String> problems) {
            long expiry = duration(root.path("expiry").path("default"), "expiry.default", DEFAULT_EXPIRY, problems);
            List<String> patternProblems = new ArrayList<>();
            List<PatternSpec> patterns = PatternSpecs.parse(root.path("patterns"), longestPattern, patternProblems);
            List<String> consentProblems = new ArrayList<>();
            ConsentRules consent = ConsentRules.parse(root.path("consent"), consentProblems);
            return new Sections(text(root.path("version")), labelRules(root.path("labels")),
                    Ambiguity.read(root.path("ambiguity")), root.path("holdoutPercent").asInt(),
                    Caps.read(root.path("caps")), Guardrails.read(root.path("guardrails")),
                    ContextWeights.read(root.path("contextWeights")), expiry,
                    Policy.interventions(root.path("interventions"), expiry, problems), Defaults.read(root),
                    List.copyOf(patterns), List.copyOf(patternProblems), consent, List.copyOf(consentProblems),
                    Policy.rules(root.path("rules")), Policy.learning(root.path("learning")));
        }

        Policy toPolicy(String json) {
            return new Policy(version, labels, ambiguity.minConfidence(), ambiguity.nearTieGap(), holdoutPercent,
                    caps.maxActs(), caps.windowMs(), caps.cooldownMs(), guardrails.pressureTactics(),
                    guardrails.suppressWhen(), weights.stage(), weights.moment(), interventions, defaults.safe(),
                    defaults.nonPersonalized(), patterns, rules, learning, consent, expiryMs, json);
        }
    }

    /** {@code labels}: thresholds, fusion weights and the conflict gap. */
    static LabelRules labelRules(JsonNode n) {
        JsonNode fw = n.path("fusionWeights");
        return new LabelRules(n.path("threshold").asDouble(), n.path("rearmBelow").asDouble(),
                fw.path("behaviour").asDouble(), fw.path("text").asDouble(), fw.path("face").asDouble(),
                fw.path("voice").asDouble(), n.path("conflictGap").asDouble());
    }

    /** {@code interventions}, in the order written; {@code expiresAfter} defaults to the policy's expiry. */
    static Map<String, Intervention> interventions(JsonNode node, long defaultExpiryMs, List<String> problems) {
        Map<String, Intervention> interventions = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode n = e.getValue();
            long expiry = duration(n.path("expiresAfter"), "interventions." + e.getKey() + ".expiresAfter",
                    Duration.ofMillis(defaultExpiryMs), problems);
            interventions.put(e.getKey(), new Intervention(e.getKey(), n.path("safe").asBoolean(),
                    n.path("adTone").asText(), expiry));
        });
        return Collections.unmodifiableMap(interventions);
    }

    /** {@code rules}, in order. */
    static List<Rule> rules(JsonNode node) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode n : node) {
            Set<FunnelStage> stages = new HashSet<>();
            n.path("stages").forEach(s -> addIfKnown(stages, enumValue(FunnelStage.class, s.asText())));
            Set<Moment> moments = new HashSet<>();
            n.path("moments").forEach(m -> addIfKnown(moments, enumValue(Moment.class, m.asText())));
            List<String> candidates = new ArrayList<>();
            n.path("interventions").forEach(i -> candidates.add(i.asText()));
            rules.add(new Rule(n.path("id").asText(""), n.path("trigger").asText(""), label(n.path("label")),
                    Collections.unmodifiableSet(stages), Collections.unmodifiableSet(moments), List.copyOf(candidates)));
        }
        return List.copyOf(rules);
    }

    /** {@code learning}: off, with priors of 1 and a 30 min attribution window, unless it says otherwise. */
    static Learning learning(JsonNode n) {
        return new Learning(n.path("enabled").asBoolean(false), n.path("priorSuccesses").asDouble(1),
                n.path("priorFailures").asDouble(1), n.path("attributionWindowSeconds").asLong(1800) * 1000L);
    }

    /**
     * Durations in Flink's syntax, as the schema's {@code $defs/duration} pattern writes them (a test holds
     * the two equal). The schema checks the syntax; the range (1 s .. 1 day) is checked here.
     */
    static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile(
            "^[0-9]+ *(ms|milli|millis|millisecond|milliseconds|s|sec|secs|second|seconds|m|min|mins|minute|minutes"
                    + "|h|hour|hours|d|day|days)$");

    /** A duration such as {@code 30s} or {@code 2 min}, 1 s .. 1 day; {@code otherwise} when absent or not one (reported by the schema). */
    static long duration(JsonNode node, String path, Duration otherwise, List<String> problems) {
        if (!node.isTextual() || !DURATION.matcher(node.asText()).matches()) {
            return otherwise.toMillis();
        }
        try {
            Duration d = TimeUtils.parseDuration(node.asText());
            if (d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofDays(1)) <= 0) {
                return d.toMillis();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(path + " must be a duration from 1s to 1d, such as \"30s\" or \"2 min\"");
        return otherwise.toMillis();
    }

    /** Labels to numbers; names that are not labels are left out (the schema reports them). */
    private static Map<Label, Double> labelMap(JsonNode node) {
        Map<Label, Double> out = new EnumMap<>(Label.class);
        node.fields().forEachRemaining(e -> {
            Label label = label(new com.fasterxml.jackson.databind.node.TextNode(e.getKey()));
            if (label != null && e.getValue().isNumber()) {
                out.put(label, e.getValue().asDouble());
            }
        });
        return out;
    }

    private static Label label(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return Label.fromWireName(n.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> void addIfKnown(Set<T> set, T value) {
        if (value != null) {
            set.add(value);
        }
    }

    /** The checks across fields (step 3), each adding its problems. */
    static final class CrossField {

        private CrossField() {}

        static void rearmBelowThreshold(LabelRules labels, List<String> problems) {
            if (labels.rearmBelow() >= labels.threshold()) {
                problems.add("labels.rearmBelow must be below labels.threshold");
            }
        }

        static void defaultsAreSafe(Defaults defaults, Map<String, Intervention> interventions, List<String> problems) {
            for (String name : new String[]{defaults.safe(), defaults.nonPersonalized()}) {
                if (name != null && (!interventions.containsKey(name) || !interventions.get(name).safe())) {
                    problems.add("default intervention " + name + " must be a defined, safe intervention");
                }
            }
        }

        static void noInterventionIsATactic(Map<String, Intervention> interventions, Guardrails guardrails,
                                            List<String> problems) {
            for (Intervention i : interventions.values()) {
                if (guardrails.pressureTactics().contains(i.name())) {
                    problems.add("intervention " + i.name() + " is a pressure tactic");
                }
            }
        }

        /** Tones and tactics reach ad servers, which must not learn a shopper's emotions. */
        static void adFacingNamesNameNoLabel(Map<String, Intervention> interventions, Guardrails guardrails,
                                             List<String> problems) {
            for (Intervention i : interventions.values()) {
                if (Targeting.mentionsLabel(i.adTone())) {
                    problems.add("interventions." + i.name() + ": adTone " + i.adTone()
                            + " names an emotion label (tones reach ad servers)");
                }
            }
            for (String tactic : guardrails.pressureTactics()) {
                if (Targeting.mentionsLabel(tactic)) {
                    problems.add("guardrails.pressureTactics: " + tactic + " names an emotion label (tactics reach ad servers)");
                }
            }
        }

        /** Unique ids, known triggers and interventions, and a catch-all rule. */
        static void rulesAreConsistent(List<Rule> rules, Map<String, Intervention> interventions,
                                       List<PatternSpec> patterns, List<String> problems) {
            Set<String> patternIds = new TreeSet<>();
            patterns.forEach(p -> patternIds.add(p.id()));
            Set<String> ids = new TreeSet<>();
            boolean catchAll = false;
            for (Rule rule : rules) {
                if (!rule.id().isEmpty() && !ids.add(rule.id())) {
                    problems.add("every rule needs a unique id (" + rule.id() + ")");
                }
                String trigger = rule.trigger();
                if (!trigger.equals("*") && !Triggers.isLabel(trigger) && !patternIds.contains(trigger)) {
                    problems.add("rule " + rule.id() + ": unknown trigger '" + trigger
                            + "' (neither label:<name> nor a pattern of this policy)");
                }
                for (String c : rule.interventions()) {
                    if (!interventions.containsKey(c)) {
                        problems.add("rule " + rule.id() + ": unknown intervention " + c);
                    }
                }
                catchAll |= rule.isCatchAll();
            }
            if (!catchAll) {
                problems.add("rules need a final catch-all rule (trigger \"*\" with no other matcher)");
            }
        }
    }
}
