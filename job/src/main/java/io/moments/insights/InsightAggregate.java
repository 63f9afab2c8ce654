package io.moments.insights;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds observations into a window's figures (incrementally: the window keeps one accumulator). */
public final class InsightAggregate implements AggregateFunction<Observation, InsightAccumulator, InsightAccumulator> {

    @Override
    public InsightAccumulator createAccumulator() {
        return new InsightAccumulator();
    }

    @Override
    public InsightAccumulator add(Observation o, InsightAccumulator acc) {
        acc.add(o);
        return acc;
    }

    @Override
    public InsightAccumulator getResult(InsightAccumulator acc) {
        return acc;
    }

    @Override
    public InsightAccumulator merge(InsightAccumulator a, InsightAccumulator b) {
        return a.merge(b);
    }
}
