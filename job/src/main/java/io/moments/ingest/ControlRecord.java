package io.moments.ingest;

/**
 * A control record read alongside the events: a {@code policy/v1} document or an {@code erasure/v1}
 * request, still as JSON (its own operator validates it). Control records carry no event time; they
 * travel with the event stream so they share its watermarks.
 */
public record ControlRecord(String schema, String json, String source) {

    public static final String POLICY = "policy/v1";
    public static final String ERASURE = "erasure/v1";

    public boolean isPolicy() {
        return POLICY.equals(schema);
    }

    public boolean isErasure() {
        return ERASURE.equals(schema);
    }
}
