package io.moments.sink;

import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import io.moments.insights.Insight;
import io.moments.labels.LabelSample;
import io.moments.lift.LiftReport;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the job's outputs go (Kafka, JSON-lines files, a benchmark's discarding sinks). */
public interface JobOutput {
    void decisions(DataStream<Decision> decisions);

    void deadLetters(DataStream<DeadLetter> deadLetters);

    /** audit/v1 JSON lines: decision trails, policy changes, erasures. */
    void audit(DataStream<String> audit);

    void liftReports(DataStream<LiftReport> reports);

    /** insight/v1 rows per page and step and window. */
    void insights(DataStream<Insight> insights);

    /** label/v1: each session's labels over time. */
    void labelSamples(DataStream<LabelSample> samples);
}
