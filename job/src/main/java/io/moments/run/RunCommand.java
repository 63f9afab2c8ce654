package io.moments.run;

import io.moments.MomentsJob;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import io.moments.ingest.KafkaInput;
import io.moments.sink.KafkaOutput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.util.concurrent.Callable;

/**
 * {@code run}: Kafka in, Kafka out. Run through {@code ./moments run} it starts a local Flink; submitted
 * to a cluster (application mode, the Helm chart) it runs there with the cluster's configuration.
 */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Kafka in, Kafka out: the job on a local Flink (topics and settings from flink-conf/config.yaml).",
                "Submitted to a cluster (application mode) the same main runs it there."})
public final class RunCommand implements Callable<Integer> {

    /**
     * The job jar's entry point (on a cluster in application mode, the chart's {@code entryClass}). Never
     * calls System.exit, which would take the JobManager down with it: usage errors are printed with the
     * usage and thrown, failures propagate to Flink as they are.
     */
    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLines.configure(new CommandLine(new RunCommand()));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            CommandLines.usageError(e, args);
            throw e;
        }
        if (!CommandLine.printHelpIfRequested(parsed)) {
            cli.<RunCommand>getCommand().call();
        }
    }

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
        Configuration conf = configuration();
        MomentsSettings settings = MomentsSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        MomentsJob.build(env, settings, new KafkaInput(settings), new KafkaOutput(settings));
        env.execute(jobName);
        return 0;
    }

    /** config.yaml with this command line's overrides; checkpoints under .moments/ unless it names a place. */
    public Configuration configuration() {
        Configuration conf = flinkConfig.load();
        if (bootstrapServers != null) {
            conf.set(MomentsOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (parallelism != null) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        FlinkConfig.defaultLocalCheckpoints(conf, "run");
        return conf;
    }
}
