package io.moments.models;

import java.util.List;
import java.util.Set;

/**
 * The one interface every model here offers to the job: a batch of inputs in, one {@link Scored} per
 * input out, in order. {@code I} is what the model reads (a text, JPEG bytes, PCM16 bytes); what comes
 * out is always a {@link Signal}, or the reason an input could not be used.
 *
 * <p>Not thread-safe: one instance per calling thread (a Flink task slot opens its own). Loading sets
 * the {@link DjlDefaults}.
 */
public interface EmotionModel<I> extends AutoCloseable {

    Modality modality();

    /** Short name for the audit trail, e.g. {@code bge-small-en-v1.5-q+head}. */
    String name();

    /** Identity of the loaded weights ({@link ModelVersion}). */
    String version();

    /** The labels this model's signals are evidence for. */
    Set<Label> measures();

    List<Scored> score(List<I> inputs);

    @Override
    void close();

    /** A model's answer for one input: a signal, or why the input was refused (its reason code, then a message). */
    record Scored(Signal signal, String rejection) {

        public static Scored of(Signal signal) {
            return new Scored(signal, null);
        }

        public static Scored rejected(String reason) {
            return new Scored(null, reason);
        }
    }
}
