package io.moments.cli;

import io.moments.MomentsJob;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import io.moments.ingest.KafkaInput;
import io.moments.sink.KafkaOutput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code run}: Kafka in, Kafka out. Run through {@code ./moments run} it starts a local Flink; submitted
 * to a cluster (application mode, the Helm chart) it runs there with the cluster's configuration.
 */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Kafka in, Kafka out: the job on a local Flink (topics and settings from flink-conf/config.yaml).",
                "Submitted to a cluster (application mode) the same main runs it there."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "H:P", description = "Kafka brokers (default: the configuration's).")
    String bootstrapServers;

    @Option(names = "--parallelism", paramLabel = "N", description = "Default parallelism of every operator.")
    Integer parallelism;

    @Option(names = "--job-name", paramLabel = "NAME", defaultValue = "moments", description = "Name of the Flink job.")
    String jobName;

    @Mixin
    FlinkConfig flinkConfig;

    @Override
    public Integer call() throws Exception {
        Configuration conf = flinkConfig.load();
        if (bootstrapServers != null) {
            conf.set(MomentsOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (parallelism != null) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        FlinkConfig.defaultLocalCheckpoints(conf, "run");
        MomentsSettings settings = MomentsSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        MomentsJob.build(env, settings, new KafkaInput(settings), new KafkaOutput(settings));
        env.execute(jobName);
        return 0;
    }
}
