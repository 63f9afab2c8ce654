package io.moments.inference;

/** A scorer's answer for one event: a signal, or why the payload could not be used (a bad_media reason). */
public record InferenceResult(Signal signal, String failure) {

    public static InferenceResult of(Signal signal) {
        return new InferenceResult(signal, null);
    }

    public static InferenceResult failed(String reason) {
        return new InferenceResult(null, reason);
    }
}
