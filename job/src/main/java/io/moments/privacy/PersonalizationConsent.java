package io.moments.privacy;

import com.iabtcf.decoder.TCString;
import io.moments.ingest.Consent;

import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Whether a session may be personalized, and why, from its latest consent signals under the
 * policy's {@link ConsentRules}. In order: no signals at all refuse; GPC refuses in every
 * jurisdiction; a GPP string that does not decode refuses (the strict default, never a guess);
 * then the jurisdiction's rule: opt-in needs the TCF purposes (from the GPP TCF EU section, else the
 * record's TCF string), opt-out allows unless an applicable GPP US section opts out.
 *
 * @param allowed      whether the session may get personalized ads and content
 * @param jurisdiction the jurisdiction whose rule applied ({@code strict} for the fallback)
 * @param signal       the signal that decided: {@code none}, {@code gpc}, {@code tcf} or {@code gpp <section>}
 * @param basis        the reason in a sentence, for the decision's explanation and the audit record
 */
public record PersonalizationConsent(boolean allowed, String jurisdiction, String signal, String basis) {

    public static PersonalizationConsent of(Consent consent, ConsentRules rules) {
        if (consent == null) {
            return new PersonalizationConsent(false, rules.fallback().id(), "none", "no consent signals");
        }
        GppSignals gpp = consent.gpp() == null ? null : GppSignals.decode(consent.gpp(), consent.gppSid());
        ConsentRules.Placement placement = rules.place(consent.region(),
                gpp != null && gpp.valid() ? gpp.applicable() : Set.of());
        ConsentRules.Jurisdiction j = placement.jurisdiction();
        String where = " — " + j.id() + " rule, " + placement.how();
        if (consent.gpc()) {
            return refuse(j, "gpc", "gpc: global privacy control opt-out" + where);
        }
        if (gpp != null && !gpp.valid()) {
            return refuse(j, "gpp", gpp.error() + ", so the strict default: not personalized" + where);
        }
        return j.rule() == ConsentRules.Rule.OPT_IN ? optIn(j, where, consent, gpp) : optOut(j, where, gpp);
    }

    private static PersonalizationConsent optIn(ConsentRules.Jurisdiction j, String where, Consent consent, GppSignals gpp) {
        Set<Integer> granted;
        String signal;
        if (gpp != null && gpp.tcfPurposes() != null) {
            granted = gpp.tcfPurposes();
            signal = "gpp " + GppSignals.sectionName(GppSignals.TCF_EU_V2);
        } else if (consent.tcf() != null) {
            signal = "tcf";
            try {
                granted = TCString.decode(consent.tcf()).getPurposesConsent().toSet();
            } catch (RuntimeException e) {
                return refuse(j, signal, "tcf string does not decode" + where);
            }
        } else {
            return refuse(j, "none", (gpp == null ? "no tcf string" : "no tcf string or gpp tcfeuv2 section") + where);
        }
        StringJoiner missing = new StringJoiner(",");
        for (int purpose : j.tcfPurposes()) {
            if (!granted.contains(purpose)) {
                missing.add(String.valueOf(purpose));
            }
        }
        return missing.length() == 0
                ? new PersonalizationConsent(true, j.id(), signal, signal + ": purposes " + join(j.tcfPurposes()) + " consented" + where)
                : refuse(j, signal, signal + ": purposes " + missing + " not consented" + where);
    }

    private static PersonalizationConsent optOut(ConsentRules.Jurisdiction j, String where, GppSignals gpp) {
        if (gpp == null) {
            return new PersonalizationConsent(true, j.id(), "none", "no opt-out signal, no gpp string" + where);
        }
        List<String> optedOut = gpp.optedOut(j.gppSections(), j.optOuts());
        if (!optedOut.isEmpty()) {
            String section = optedOut.get(0).substring(0, optedOut.get(0).indexOf(' '));
            return refuse(j, "gpp " + section, "gpp opt-out: " + String.join(", ", optedOut) + where);
        }
        Set<String> checked = new TreeSet<>();
        for (int id : gpp.applicable()) {
            if (j.gppSections().contains(id)) {
                checked.add(GppSignals.sectionName(id));
            }
        }
        return new PersonalizationConsent(true, j.id(), checked.isEmpty() ? "none" : "gpp " + String.join(",", checked),
                (checked.isEmpty() ? "no opt-out signal, no applicable gpp section"
                        : "no opt-out in gpp " + String.join(", ", checked)) + where);
    }

    private static PersonalizationConsent refuse(ConsentRules.Jurisdiction j, String signal, String basis) {
        return new PersonalizationConsent(false, j.id(), signal, basis);
    }

    private static String join(Set<Integer> ids) {
        StringJoiner s = new StringJoiner(",");
        ids.forEach(i -> s.add(String.valueOf(i)));
        return s.toString();
    }
}
