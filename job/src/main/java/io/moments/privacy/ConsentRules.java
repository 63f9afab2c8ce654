package io.moments.privacy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The policy's consent rules by jurisdiction ({@code consent} in policy/v1): which signals a region
 * requires and how they combine. A jurisdiction is either {@code opt-in} (personalization needs
 * consent to the listed TCF purposes, from the GPP string's TCF EU section or the record's TCF
 * string) or {@code opt-out} (personalization is allowed unless a GPP US section of the
 * jurisdiction opts out of one of the listed uses). GPC refuses personalization everywhere.
 *
 * <p>A session's jurisdiction is the one listing its {@code consent.region} (an ISO 3166 country or
 * subdivision; {@code US-CA} matches {@code US}); without a region, the first jurisdiction whose GPP
 * sections the string carries; otherwise the {@link #fallback} rule, which is strict (opt-in). A
 * policy without a {@code consent} block has only that strict rule: TCF consent everywhere, as
 * before jurisdictions existed.
 */
public record ConsentRules(List<Jurisdiction> jurisdictions, Jurisdiction fallback) {

    /** Purposes 1 (store/access), 3+4 (ad profile and selection), 5+6 (content profile and selection). */
    public static final Set<Integer> PERSONALIZATION_PURPOSES = Set.of(1, 3, 4, 5, 6);
    public static final ConsentRules STRICT = new ConsentRules(List.of(), Jurisdiction.strict());
    private static final Pattern REGION = Pattern.compile("^[A-Z]{2}(-[A-Z0-9]{1,3})?$");

    public enum Rule { OPT_IN, OPT_OUT }

    /**
     * @param regions     ISO 3166-1 alpha-2 countries or 3166-2 subdivisions it covers
     * @param gppSections GPP section ids that, without a region, place a session here
     * @param tcfPurposes for opt-in: the TCF purposes that must all be consented
     * @param optOuts     for opt-out: the opt-outs that refuse personalization
     */
    public record Jurisdiction(String id, Set<String> regions, Set<Integer> gppSections, Rule rule,
                               Set<Integer> tcfPurposes, Set<GppSignals.OptOut> optOuts) {

        static Jurisdiction strict() {
            return new Jurisdiction("strict", Set.of(), Set.of(), Rule.OPT_IN, new TreeSet<>(PERSONALIZATION_PURPOSES),
                    Set.of());
        }

        boolean covers(String region) {
            return regions.contains(region) || (region.indexOf('-') > 0 && regions.contains(region.substring(0, region.indexOf('-'))));
        }
    }

    /** The jurisdiction a session falls under, and a few words on how it was found. */
    public record Placement(Jurisdiction jurisdiction, String how) {}

    public Placement place(String region, Set<Integer> gppSections) {
        if (region != null) {
            for (Jurisdiction j : jurisdictions) {
                if (j.covers(region)) {
                    return new Placement(j, "region " + region);
                }
            }
            return new Placement(fallback, "region " + region + " has no rule");
        }
        for (Jurisdiction j : jurisdictions) {
            for (int section : gppSections) {
                if (j.gppSections().contains(section)) {
                    return new Placement(j, "gpp section " + GppSignals.sectionName(section));
                }
            }
        }
        return new Placement(fallback, "no region or gpp section");
    }

    /** Reads the policy's {@code consent} block (absent: {@link #STRICT}), adding any problem found. */
    public static ConsentRules parse(JsonNode node, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return STRICT;
        }
        List<Jurisdiction> jurisdictions = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (JsonNode j : node.path("jurisdictions")) {
            Jurisdiction parsed = jurisdiction(j, "consent.jurisdictions." + j.path("id").asText("?"), problems);
            if (!ids.add(parsed.id())) {
                problems.add("consent.jurisdictions: duplicate id " + parsed.id());
            }
            if (parsed.regions().isEmpty() && parsed.gppSections().isEmpty()) {
                problems.add("consent.jurisdictions." + parsed.id() + " names no regions and no gppSections");
            }
            jurisdictions.add(parsed);
        }
        Jurisdiction fallback = node.has("fallback")
                ? jurisdiction(node.get("fallback"), "consent.fallback", problems)
                : Jurisdiction.strict();
        if (fallback.rule() != Rule.OPT_IN) {
            problems.add("consent.fallback must be opt-in: an unknown jurisdiction gets the strict rule");
        }
        return new ConsentRules(List.copyOf(jurisdictions), fallback);
    }

    private static Jurisdiction jurisdiction(JsonNode j, String path, List<String> problems) {
        String id = j.path("id").asText(path.endsWith("fallback") ? "strict" : "");
        if (!id.matches("[a-z][a-z0-9_-]{0,31}")) {
            problems.add(path + ": id must be 1..32 lower-case letters, digits, '_' or '-'");
        }
        Set<String> regions = new LinkedHashSet<>();
        for (JsonNode r : j.path("regions")) {
            String region = r.asText("").toUpperCase(Locale.ROOT);
            if (!r.isTextual() || !REGION.matcher(region).matches()) {
                problems.add(path + ": region " + r + " is not an ISO 3166 code such as DE or US-CA");
            }
            regions.add(region);
        }
        Set<Integer> sections = new TreeSet<>();
        for (JsonNode s : j.path("gppSections")) {
            if (!s.isIntegralNumber() || s.asInt() < 1 || s.asInt() > 64) {
                problems.add(path + ": gppSections holds GPP section ids 1..64, not " + s);
            }
            sections.add(s.asInt());
        }
        Rule rule;
        switch (j.path("rule").asText("")) {
            case "opt-in" -> rule = Rule.OPT_IN;
            case "opt-out" -> rule = Rule.OPT_OUT;
            default -> {
                problems.add(path + ": rule must be opt-in or opt-out");
                rule = Rule.OPT_IN;
            }
        }
        Set<Integer> purposes = new TreeSet<>();
        for (JsonNode p : j.path("tcfPurposes")) {
            if (!p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 24) {
                problems.add(path + ": tcfPurposes holds TCF purpose ids 1..24, not " + p);
            }
            purposes.add(p.asInt());
        }
        Set<GppSignals.OptOut> optOuts = EnumSet.noneOf(GppSignals.OptOut.class);
        for (JsonNode o : j.path("optOuts")) {
            try {
                optOuts.add(GppSignals.OptOut.fromWireName(o.asText()));
            } catch (IllegalArgumentException e) {
                problems.add(path + ": unknown opt-out " + o + " (sale, sharing, targetedAdvertising)");
            }
        }
        if (rule == Rule.OPT_IN && !purposes.containsAll(PERSONALIZATION_PURPOSES)) {
            problems.add(path + ": an opt-in rule needs at least TCF purposes 1, 3, 4, 5 and 6");
        }
        if (rule == Rule.OPT_OUT && optOuts.isEmpty()) {
            problems.add(path + ": an opt-out rule needs the opt-outs it honours");
        }
        return new Jurisdiction(id, Collections.unmodifiableSet(regions), Collections.unmodifiableSet(sections), rule,
                Collections.unmodifiableSet(purposes), Collections.unmodifiableSet(optOuts));
    }
}
