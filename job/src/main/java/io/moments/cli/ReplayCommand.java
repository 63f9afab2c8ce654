package io.moments.cli;

import io.moments.local.LoopbackPrometheusReporterFactory;
import io.moments.run.FlinkConfig;
import io.moments.MomentsJob;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import io.moments.ingest.JsonLinesInput;
import io.moments.sink.JsonLinesOutput;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code replay}: the same operators on a bounded JSON-lines file, optionally under a candidate policy
 * ({@code --policy P.json}) so analysts can compare policies before deploying. Runs on a local Flink with one
 * subtask per operator (so the output order is deterministic), the heap state backend and no
 * checkpoints (a failed replay is simply run again), and returns when the input is exhausted: at
 * the end the watermark jumps to the end of time, so pending checkout pauses fire as abandonment.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"The same job on a bounded JSON-lines file (any mix of schemas), optionally under a candidate "
                + "policy; exits when the input is exhausted."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", required = true,
            description = "The input: JSON lines of any mix of schemas.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "Where the decisions go.")
    Path output;

    @Option(names = "--dead-letter", paramLabel = "FILE", description = "Where the dead letters go.")
    Path deadLetter;

    @Option(names = "--audit", paramLabel = "FILE", description = "Where the audit records go.")
    Path audit;

    @Option(names = "--lift", paramLabel = "FILE", description = "Where the lift report rows go.")
    Path lift;

    @Option(names = "--insights", paramLabel = "FILE", description = "Where the insight rows go.")
    Path insights;

    @Option(names = "--labels", paramLabel = "FILE", description = "Where the label samples go.")
    Path labels;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "A candidate policy/v1 document (default: the configuration's policy).")
    Path policy;

    @Mixin
    FlinkConfig flinkConfig;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw Main.usage(spec, "no such input file: " + input);
        }
        if (policy != null && !Files.isRegularFile(policy)) {
            throw Main.usage(spec, "no such policy file: " + policy);
        }
        Configuration conf = flinkConfig.load();
        if (policy != null) {
            conf.set(MomentsOptions.POLICY_FILE, policy.toString());
        }
        Summary s = replay(conf, input, output, deadLetter, audit, lift, insights, labels);
        System.out.printf("replayed %s: %d lines -> %d decisions (%s)%s%n", input, s.lines, s.decisions, output,
                deadLetter == null ? "" : ", " + s.deadLetters + " dead letters (" + deadLetter + ")");
        return 0;
    }

    /** What a replay read and wrote. */
    public record Summary(long lines, long decisions, long deadLetters) {}

    public static Summary replay(Configuration conf, Path input, Path output, Path deadLetters) throws Exception {
        return replay(conf, input, output, deadLetters, null, null);
    }

    public static Summary replay(Configuration conf, Path input, Path output, Path deadLetters, Path audit, Path lift)
            throws Exception {
        return replay(conf, input, output, deadLetters, audit, lift, null, null);
    }

    /** Null output files are not written. */
    public static Summary replay(Configuration conf, Path input, Path output, Path deadLetters, Path audit, Path lift,
                                 Path insights, Path labels) throws Exception {
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        LoopbackPrometheusReporterFactory.useIn(conf);
        MomentsSettings settings = MomentsSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        MomentsJob.build(env, settings, new JsonLinesInput(input),
                new JsonLinesOutput(output, deadLetters, audit, lift, insights, labels));
        env.execute("moments-replay " + input.getFileName());
        return new Summary(lines(input), lines(output), deadLetters == null ? 0 : lines(deadLetters));
    }

    /** Counts lines by newline bytes: the input may hold bytes that are not UTF-8. */
    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long count = 0;
        boolean pending = false;
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    count++;
                    pending = false;
                } else {
                    pending = true;
                }
            }
        }
        return pending ? count + 1 : count;
    }
}
