package io.moments.inference;

import io.moments.ingest.ShopperEvent;
import org.apache.flink.metrics.MetricGroup;

import java.io.Serializable;
import java.util.List;

/**
 * One model behind the batching operator: loads once per operator instance (one per TaskManager
 * slot), then scores batches on the operator's thread (DJL predictors are not thread-safe).
 */
public interface Scorer extends Serializable, AutoCloseable {

    /** Short name for metrics and the audit trail. */
    String name();

    /** Whether this scorer handles the event (its modality, with content present). */
    boolean accepts(ShopperEvent event);

    void open() throws Exception;

    /** Adds this scorer's own metrics to its {@code model} group (before {@link #open()}). */
    default void registerMetrics(MetricGroup group) {}

    /** One result per event, in order. */
    List<Result> score(List<ShopperEvent> batch) throws Exception;

    @Override
    void close();

    /**
     * What the model made of one event: the event with the model's answer attached (a {@code signal}, or a
     * voice chunk's {@code prosody} for the session stage to score), its content still on it; or why the
     * model refused its payload (the {@code bad_media} detail, without the payload).
     */
    record Result(ShopperEvent event, String rejection) {

        public static Result of(ShopperEvent event) {
            return new Result(event, null);
        }

        public static Result rejected(String rejection) {
            return new Result(null, rejection);
        }
    }
}
