package io.moments.privacy;

import com.iab.gpp.encoder.GppModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes GPP strings with IAB Tech Lab's library, as a consent management platform would (the demo's
 * simulator and the tests). Each method sets the notices that go with an opt-out, as a CMP must.
 */
public final class GppStrings {

    private GppStrings() {}

    /** A builder of one GPP string with any number of sections. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GppModel model = new GppModel();

        /** The TCF EU v2 section consenting to exactly the given purposes. */
        public Builder tcfEu(int... purposes) {
            List<Boolean> consents = new ArrayList<>();
            for (int i = 1; i <= 24; i++) {
                int purpose = i;
                consents.add(Arrays.stream(purposes).anyMatch(p -> p == purpose));
            }
            model.setFieldValue(GppSignals.sectionName(GppSignals.TCF_EU_V2), "CmpId", 10);
            model.setFieldValue(GppSignals.sectionName(GppSignals.TCF_EU_V2), "PurposeConsents", consents);
            return this;
        }

        /**
         * A US section ({@code usnat}, {@code usca}, {@code usva}, ...) with notices given and the listed
         * opt-outs set; the others say "did not opt out" where the section has them.
         */
        public Builder us(String section, GppSignals.OptOut... optOuts) {
            model.setFieldValue(section, "SaleOptOutNotice", 1); // every US section has it; setting it creates the section
            for (GppSignals.OptOut o : GppSignals.OptOut.values()) {
                // Sections differ in which opt-outs they carry (California has no targeted-advertising field).
                if (model.hasField(section, o.field())) {
                    model.setFieldValue(section, o.field() + "Notice", 1);
                    model.setFieldValue(section, o.field(), Arrays.asList(optOuts).contains(o) ? 1 : 2);
                }
            }
            return this;
        }

        /** The GPC flag in a US section's GPC segment. */
        public Builder usGpc(String section) {
            model.setFieldValue(section, "GpcSegmentIncluded", true);
            model.setFieldValue(section, "Gpc", true);
            return this;
        }

        /** The older US Privacy section (uspv1) with the sale opt-out flag. */
        public Builder usPrivacy(boolean optedOutOfSale) {
            model.setFieldValue(GppSignals.sectionName(GppSignals.US_PRIVACY), "Notice", 'Y');
            model.setFieldValue(GppSignals.sectionName(GppSignals.US_PRIVACY), "OptOutSale", optedOutOfSale ? 'Y' : 'N');
            return this;
        }

        public String encode() {
            return model.encode();
        }
    }
}
