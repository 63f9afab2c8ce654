package io.moments.sink;

import io.moments.config.MomentsSettings;
import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import io.moments.insights.Insight;
import io.moments.labels.LabelSample;
import io.moments.lift.LiftReport;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Decisions, dead letters, audit and lift reports to their Kafka topics, exactly once. */
public final class KafkaOutput implements JobOutput {

    private final MomentsSettings.Kafka kafka;

    public KafkaOutput(MomentsSettings settings) {
        this.kafka = settings.kafka();
    }

    @Override
    public void decisions(DataStream<Decision> decisions) {
        decisions.sinkTo(KafkaSinks.decisions(kafka)).uid("sink-decisions").name("Kafka: " + kafka.decisions());
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetters.sinkTo(KafkaSinks.deadLetters(kafka)).uid("sink-dead-letters").name("Kafka: " + kafka.deadLetters());
    }

    @Override
    public void audit(DataStream<String> audit) {
        audit.sinkTo(KafkaSinks.audit(kafka)).uid("sink-audit").name("Kafka: " + kafka.audit());
    }

    @Override
    public void liftReports(DataStream<LiftReport> reports) {
        reports.sinkTo(KafkaSinks.lift(kafka)).uid("sink-lift").name("Kafka: " + kafka.liftReports());
    }

    @Override
    public void insights(DataStream<Insight> insights) {
        insights.sinkTo(KafkaSinks.insights(kafka)).uid("sink-insights").name("Kafka: " + kafka.insights());
    }

    @Override
    public void labelSamples(DataStream<LabelSample> samples) {
        samples.sinkTo(KafkaSinks.labelSamples(kafka)).uid("sink-labels").name("Kafka: " + kafka.labels());
    }
}
