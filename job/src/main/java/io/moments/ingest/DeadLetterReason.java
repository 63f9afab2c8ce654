package io.moments.ingest;

/** Why a record went to the dead-letter output. Wire names are the lower-case constant names. */
public enum DeadLetterReason {
    NOT_JSON, TOO_LARGE, NOT_AN_OBJECT, UNKNOWN_SCHEMA, MISSING_FIELD, INVALID_FIELD, UNKNOWN_TYPE,
    INVALID_TS, TS_OUT_OF_RANGE, DUPLICATE, LATE, NO_BIOMETRIC_CONSENT, BAD_MEDIA, INVALID_POLICY;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
