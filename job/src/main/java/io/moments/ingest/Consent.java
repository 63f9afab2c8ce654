package io.moments.ingest;

/**
 * Consent signals carried by a record. A record without a consent object has {@code consent == null}:
 * nothing was consented.
 *
 * @param tcf       the IAB TCF v2 string, or null
 * @param gpc       Global Privacy Control
 * @param biometric explicit consent to biometric (face/voice) inference
 * @param gpp       the IAB Global Privacy Platform string, or null
 * @param gppSid    the GPP section ids that apply (OpenRTB's {@code regs.gpp_sid}), or null for all in the string
 * @param region    where the shopper is, as the site knows it: ISO 3166 country or subdivision ({@code DE},
 *                  {@code US-CA}), upper case; null when unknown
 */
public record Consent(String tcf, boolean gpc, boolean biometric, String gpp, int[] gppSid, String region) {

    /** TCF, GPC and biometric consent only: no GPP string, no region. */
    public Consent(String tcf, boolean gpc, boolean biometric) {
        this(tcf, gpc, biometric, null, null, null);
    }
}
