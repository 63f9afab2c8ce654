package io.moments.privacy;

import com.iabtcf.decoder.TCString;
import com.iabtcf.utils.IntIterable;
import io.moments.ingest.Consent;

/**
 * Whether a session may be personalized, and why, from its latest consent signals. Global Privacy
 * Control always wins. Otherwise an IAB TCF v2 string must grant purpose 1 (store/access
 * information) and purposes 3+4 (personalised advertising profile and selection) and 5+6
 * (personalised content profile and selection). No string, or one that does not decode, means no.
 *
 * @param allowed whether the session may get personalized ads and content
 * @param basis   the reason, for the decision record (e.g. {@code gpc}, {@code tcf: purposes 3,4 not consented})
 */
public record PersonalizationConsent(boolean allowed, String basis) {

    private static final int[] REQUIRED_PURPOSES = {1, 3, 4, 5, 6};

    public static PersonalizationConsent of(Consent consent) {
        if (consent == null) {
            return new PersonalizationConsent(false, "no consent signals");
        }
        if (consent.gpc()) {
            return new PersonalizationConsent(false, "gpc: global privacy control opt-out");
        }
        if (consent.tcf() == null) {
            return new PersonalizationConsent(false, "no tcf string");
        }
        IntIterable purposes;
        try {
            purposes = TCString.decode(consent.tcf()).getPurposesConsent();
        } catch (RuntimeException e) {
            return new PersonalizationConsent(false, "tcf string does not decode");
        }
        StringBuilder missing = new StringBuilder();
        for (int purpose : REQUIRED_PURPOSES) {
            if (!purposes.contains(purpose)) {
                missing.append(missing.isEmpty() ? "" : ",").append(purpose);
            }
        }
        return missing.isEmpty()
                ? new PersonalizationConsent(true, "tcf: purposes 1,3,4,5,6 consented")
                : new PersonalizationConsent(false, "tcf: purposes " + missing + " not consented");
    }
}
