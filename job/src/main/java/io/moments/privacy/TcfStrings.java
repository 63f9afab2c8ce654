package io.moments.privacy;

import com.iabtcf.encoder.TCStringEncoder;

import java.time.Instant;

/** Encodes IAB TCF v2 consent strings, as a consent management platform would (simulator and tests). */
public final class TcfStrings {

    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    private TcfStrings() {}

    /** A TCF v2 string consenting to exactly the given purposes. */
    public static String withPurposes(int... purposes) {
        TCStringEncoder.Builder b = TCStringEncoder.newBuilder().version(2).created(CREATED).lastUpdated(CREATED)
                .cmpId(10).cmpVersion(1).consentScreen(1).consentLanguage("EN").vendorListVersion(100)
                .tcfPolicyVersion(4).isServiceSpecific(true);
        for (int p : purposes) {
            b.addPurposesConsent(p);
        }
        return b.encode();
    }
}
