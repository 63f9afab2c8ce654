package io.moments.cli;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.ingest.KafkaInput;
import io.moments.sink.KafkaOutput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code run}: Kafka in, Kafka out. Run through {@code ./moments run} it starts a local Flink; submitted
 * to a cluster (application mode, the Helm chart) it runs there with the cluster's configuration.
 */
final class RunCommand {

    private RunCommand() {}

    static void run(Args args) throws Exception {
        Configuration conf = FlinkConfig.load(args);
        FlinkConfig.defaultLocalCheckpoints(conf, "run");
        MomentsSettings settings = MomentsSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        MomentsJob.build(env, settings, new KafkaInput(settings), new KafkaOutput(settings));
        env.execute(args.get("job-name", "moments"));
    }
}
