package io.moments.sink;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Decisions and dead letters to their Kafka topics, exactly once. */
public final class KafkaOutput implements MomentsJob.Output {

    private final MomentsSettings.Kafka kafka;

    public KafkaOutput(MomentsSettings settings) {
        this.kafka = settings.kafka();
    }

    @Override
    public void decisions(DataStream<Decision> decisions) {
        decisions.sinkTo(KafkaSinks.decisions(kafka.bootstrapServers(), kafka.decisions(),
                        kafka.transactionalIdPrefix() + "-decisions", kafka.transactionTimeout(), kafka.properties()))
                .uid("sink-decisions").name("Kafka: " + kafka.decisions());
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetters.sinkTo(KafkaSinks.deadLetters(kafka.bootstrapServers(), kafka.deadLetters(),
                        kafka.transactionalIdPrefix() + "-dead-letters", kafka.transactionTimeout(), kafka.properties()))
                .uid("sink-dead-letters").name("Kafka: " + kafka.deadLetters());
    }
}
