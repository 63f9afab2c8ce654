package io.moments.privacy;

import io.moments.decide.Policy;
import io.moments.ingest.Consent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.moments.privacy.GppSignals.OptOut.SALE;
import static io.moments.privacy.GppSignals.OptOut.SHARING;
import static io.moments.privacy.GppSignals.OptOut.TARGETED_ADVERTISING;
import static org.assertj.core.api.Assertions.assertThat;

/** Consent by jurisdiction under the shipped policy's rules, with real GPP strings made by IAB's encoder. */
class PersonalizationConsentTest {

    private static final ConsentRules RULES = Policy.defaultPolicy().consent();
    private static final String ALL_TCF = TcfStrings.withPurposes(1, 2, 3, 4, 5, 6, 7);

    private static PersonalizationConsent judge(String tcf, boolean gpc, String gpp, int[] gppSid, String region) {
        return PersonalizationConsent.of(new Consent(tcf, gpc, false, gpp, gppSid, region), RULES);
    }

    private static PersonalizationConsent gpp(String gpp, String region) {
        return judge(null, false, gpp, null, region);
    }

    @Test
    void euNeedsTheTcfPurposesFromTheGppTcfSection() {
        PersonalizationConsent granted = gpp(GppStrings.builder().tcfEu(1, 2, 3, 4, 5, 6).encode(), "DE");
        assertThat(granted.allowed()).isTrue();
        assertThat(granted.jurisdiction()).isEqualTo("eu");
        assertThat(granted.signal()).isEqualTo("gpp tcfeuv2");
        assertThat(granted.basis()).isEqualTo("gpp tcfeuv2: purposes 1,3,4,5,6 consented — eu rule, region DE");

        PersonalizationConsent partial = gpp(GppStrings.builder().tcfEu(1, 3, 5, 6).encode(), "FR");
        assertThat(partial.allowed()).isFalse();
        assertThat(partial.basis()).startsWith("gpp tcfeuv2: purposes 4 not consented");
    }

    @Test
    void euFallsBackToTheRecordsTcfStringAndRefusesWithoutAny() {
        assertThat(judge(ALL_TCF, false, null, null, "IT").signal()).isEqualTo("tcf");
        assertThat(judge(ALL_TCF, false, null, null, "IT").allowed()).isTrue();
        // A US-only GPP string says nothing an opt-in jurisdiction can use.
        PersonalizationConsent usOnly = gpp(GppStrings.builder().us("usnat").encode(), "ES");
        assertThat(usOnly.allowed()).isFalse();
        assertThat(usOnly.signal()).isEqualTo("none");
        assertThat(usOnly.basis()).startsWith("no tcf string or gpp tcfeuv2 section — eu rule, region ES");
    }

    @Test
    void usIsPersonalizedUnlessASectionOptsOut() {
        PersonalizationConsent none = gpp(GppStrings.builder().us("usnat").encode(), "US-NY");
        assertThat(none.allowed()).isTrue();
        assertThat(none.jurisdiction()).isEqualTo("us");
        assertThat(none.signal()).isEqualTo("gpp usnat");
        assertThat(none.basis()).isEqualTo("no opt-out in gpp usnat — us rule, region US-NY");

        for (GppSignals.OptOut o : new GppSignals.OptOut[]{SALE, SHARING, TARGETED_ADVERTISING}) {
            PersonalizationConsent out = gpp(GppStrings.builder().us("usnat", o).encode(), "US");
            assertThat(out.allowed()).as(o.wireName()).isFalse();
            assertThat(out.signal()).isEqualTo("gpp usnat");
            assertThat(out.basis()).startsWith("gpp opt-out: usnat " + o.wireName());
        }
        PersonalizationConsent california = gpp(GppStrings.builder().us("usca", SHARING).encode(), "US-CA");
        assertThat(california.allowed()).isFalse();
        assertThat(california.basis()).startsWith("gpp opt-out: usca sharing");
        assertThat(gpp(GppStrings.builder().us("usva", TARGETED_ADVERTISING).encode(), "US-VA").allowed()).isFalse();
        assertThat(gpp(GppStrings.builder().usPrivacy(true).encode(), "US").basis()).startsWith("gpp opt-out: uspv1 sale");
        assertThat(gpp(GppStrings.builder().usPrivacy(false).encode(), "US").allowed()).isTrue();
    }

    @Test
    void usWithoutAnyGppStringIsPersonalizedAndSaysSo() {
        PersonalizationConsent p = judge(null, false, null, null, "US-TX");
        assertThat(p.allowed()).isTrue();
        assertThat(p.signal()).isEqualTo("none");
        assertThat(p.basis()).isEqualTo("no opt-out signal, no gpp string — us rule, region US-TX");
    }

    @Test
    void gpcRefusesEverywhereIncludingInsideAGppSection() {
        assertThat(judge(null, true, null, null, "US").allowed()).isFalse();
        assertThat(judge(null, true, null, null, "US").signal()).isEqualTo("gpc");
        assertThat(judge(ALL_TCF, true, null, null, "DE").allowed()).isFalse();
        PersonalizationConsent inGpp = gpp(GppStrings.builder().us("usnat").usGpc("usnat").encode(), "US");
        assertThat(inGpp.allowed()).isFalse();
        assertThat(inGpp.basis()).startsWith("gpp opt-out: usnat gpc");
    }

    @Test
    void withoutARegionTheGppSectionsSelectTheJurisdiction() {
        PersonalizationConsent us = gpp(GppStrings.builder().us("usca").encode(), null);
        assertThat(us.jurisdiction()).isEqualTo("us");
        assertThat(us.basis()).endsWith("us rule, gpp section usca");
        assertThat(us.allowed()).isTrue();
        PersonalizationConsent eu = gpp(GppStrings.builder().tcfEu(1, 3, 4, 5, 6).encode(), null);
        assertThat(eu.jurisdiction()).isEqualTo("eu");
        assertThat(eu.allowed()).isTrue();
        // Nothing to place the session: the strict rule, which a lone TCF string satisfies as before.
        PersonalizationConsent legacy = judge(ALL_TCF, false, null, null, null);
        assertThat(legacy.jurisdiction()).isEqualTo("strict");
        assertThat(legacy.allowed()).isTrue();
        assertThat(judge(null, false, null, null, null).allowed()).isFalse();
    }

    @Test
    void anUnknownRegionGetsTheStrictRule() {
        PersonalizationConsent canada = gpp(GppStrings.builder().us("usnat").encode(), "CA");
        assertThat(canada.jurisdiction()).isEqualTo("strict");
        assertThat(canada.allowed()).isFalse();
        assertThat(canada.basis()).endsWith("strict rule, region CA has no rule");
    }

    @Test
    void gppSidNarrowsTheSectionsThatApply() {
        String both = GppStrings.builder().tcfEu(1, 3, 4, 5, 6).us("usnat", SALE).encode();
        assertThat(judge(null, false, both, null, null).jurisdiction()).as("eu listed first").isEqualTo("eu");
        PersonalizationConsent usOnly = judge(null, false, both, new int[]{7}, null);
        assertThat(usOnly.jurisdiction()).isEqualTo("us");
        assertThat(usOnly.allowed()).isFalse();
        PersonalizationConsent euOnly = judge(null, false, both, new int[]{2}, "US");
        assertThat(euOnly.allowed()).as("the usnat opt-out does not apply to this record").isTrue();
        assertThat(euOnly.basis()).startsWith("no opt-out signal, no applicable gpp section");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "DBAB", "~~~", "DBACNY~", "DBABMA~zzzz!", "DBABMA~" + "\u00e9\u00e9\u00e9"})
    void aMalformedGppStringIsAClearStrictRefusalNeverACrash(String bad) {
        for (String region : new String[]{"US", "DE", null}) {
            PersonalizationConsent p = judge(ALL_TCF, false, bad, null, region);
            assertThat(p.allowed()).as(bad + " in " + region).isFalse();
            assertThat(p.signal()).isEqualTo("gpp");
            assertThat(p.basis()).startsWith("gpp string does not decode (").contains("so the strict default: not personalized");
        }
    }

    @Test
    void aPolicyWithoutConsentRulesKeepsTheTcfOnlyRuleEverywhere() {
        PersonalizationConsent us = PersonalizationConsent.of(new Consent(null, false, false, null, null, "US"),
                ConsentRules.STRICT);
        assertThat(us.allowed()).isFalse();
        assertThat(us.basis()).isEqualTo("no tcf string — strict rule, region US has no rule");
        assertThat(PersonalizationConsent.of(null, ConsentRules.STRICT).basis()).isEqualTo("no consent signals");
    }
}
