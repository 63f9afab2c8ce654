package io.moments.bench;

import io.moments.inference.Scorer;
import io.moments.ingest.ShopperEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * The pattern of DJL's Flink example, for comparison with the job's batching operator: a flatMap
 * that owns the model (loaded in {@code open}) and runs it once per record. It uses the job's own
 * scorer with a batch of one, so pre- and post-processing are identical and only the batching
 * differs. Records the model cannot read are dropped (the job dead-letters them).
 */
public final class NaiveInferenceFunction extends RichFlatMapFunction<ShopperEvent, ShopperEvent> {

    private final Scorer scorer;

    public NaiveInferenceFunction(Scorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        scorer.open();
    }

    @Override
    public void flatMap(ShopperEvent event, Collector<ShopperEvent> out) throws Exception {
        Scorer.Result result = scorer.score(List.of(event)).get(0);
        if (result.event() != null) {
            out.collect(result.event().withoutContent());
        }
    }

    @Override
    public void close() {
        scorer.close();
    }
}
