package io.moments.insights;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds pre-aggregated partials into a window's figures (incrementally: the window keeps one accumulator). */
public final class InsightAggregate implements AggregateFunction<InsightPartial, InsightAccumulator, InsightAccumulator> {

    @Override
    public InsightAccumulator createAccumulator() {
        return new InsightAccumulator();
    }

    @Override
    public InsightAccumulator add(InsightPartial p, InsightAccumulator acc) {
        return acc.addAll(p.figures);
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
