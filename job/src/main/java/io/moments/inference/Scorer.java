package io.moments.inference;

import io.moments.ingest.ShopperEvent;
import io.moments.models.EmotionModel.Scored;

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

    /** One result per event, in order. */
    List<Scored> score(List<ShopperEvent> batch) throws Exception;

    @Override
    void close();
}
