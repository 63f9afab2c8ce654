package io.moments.bench;

import io.moments.sink.JobOutput;

import io.moments.MomentsJob;
import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import io.moments.insights.Insight;
import io.moments.labels.LabelSample;
import io.moments.lift.LiftReport;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** Benchmark outputs: everything is produced (and serialized where the job does) and then dropped. */
public final class DiscardingOutput implements JobOutput {

    @Override
    public void decisions(DataStream<Decision> decisions) {
        decisions.sinkTo(new DiscardingSink<>()).name("Discard decisions");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetters.sinkTo(new DiscardingSink<>()).name("Discard dead letters");
    }

    @Override
    public void audit(DataStream<String> audit) {
        audit.sinkTo(new DiscardingSink<>()).name("Discard audit");
    }

    @Override
    public void liftReports(DataStream<LiftReport> reports) {
        reports.sinkTo(new DiscardingSink<>()).name("Discard lift");
    }

    @Override
    public void insights(DataStream<Insight> insights) {
        insights.sinkTo(new DiscardingSink<>()).name("Discard insights");
    }

    @Override
    public void labelSamples(DataStream<LabelSample> samples) {
        samples.sinkTo(new DiscardingSink<>()).name("Discard label samples");
    }
}
