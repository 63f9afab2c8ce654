package io.moments.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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

        /**
         * Decodes every input, scores the ones that decode in one batch, and keeps each refusal at its
         * input's place, so one bad input never costs the others their answer.
         */
        public static <I, D> List<Scored> decodeThenScore(
                List<I> inputs, Decoder<I, D> decoder, Function<List<D>, List<Signal>> scoreBatch) {
            Scored[] out = new Scored[inputs.size()];
            List<D> decoded = new ArrayList<>(inputs.size());
            List<Integer> places = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    decoded.add(decoder.decode(inputs.get(i)));
                    places.add(i);
                } catch (Refusal r) {
                    out[i] = rejected(r.reason + ": " + r.getMessage());
                }
            }
            List<Signal> signals = decoded.isEmpty() ? List.of() : scoreBatch.apply(decoded);
            for (int j = 0; j < places.size(); j++) {
                out[places.get(j)] = of(signals.get(j));
            }
            return Arrays.asList(out);
        }
    }

    /** Turns one raw input into what the model reads, or refuses it. */
    @FunctionalInterface
    interface Decoder<I, D> {
        D decode(I input) throws Refusal;
    }

    /** Why an input was refused: a machine-readable reason code (for the dead letter) and a message without the input's bytes. */
    final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public Refusal(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
