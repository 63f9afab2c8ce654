package io.moments.cli;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.ingest.JsonLinesInput;
import io.moments.sink.JsonLinesOutput;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code replay}: the same operators on a bounded JSON-lines file, optionally under a candidate policy
 * ({@code --policy P.json}) so analysts can compare policies before deploying. Runs on a local Flink with one
 * subtask per operator (so the output order is deterministic), the heap state backend and no
 * checkpoints (a failed replay is simply run again), and returns when the input is exhausted: at
 * the end the watermark jumps to the end of time, so pending checkout pauses fire as abandonment.
 */
public final class ReplayCommand {

    private ReplayCommand() {}

    static void run(Args args) throws Exception {
        Path input = Path.of(args.required("input"));
        Path output = Path.of(args.required("output"));
        String deadLetter = args.get("dead-letter", null);
        String audit = args.get("audit", null);
        String lift = args.get("lift", null);
        String insights = args.get("insights", null);
        String labels = args.get("labels", null);
        if (!Files.isRegularFile(input)) {
            throw new Args.UsageException("no such input file: " + input);
        }
        Configuration conf = FlinkConfig.load(args);
        String policy = args.get("policy", null);
        if (policy != null) {
            conf.setString("moments.policy.file", policy);
        }
        Summary s = replay(conf, input, output, deadLetter == null ? null : Path.of(deadLetter),
                audit == null ? null : Path.of(audit), lift == null ? null : Path.of(lift),
                insights == null ? null : Path.of(insights), labels == null ? null : Path.of(labels));
        System.out.printf("replayed %s: %d lines -> %d decisions (%s)%s%n", input, s.lines, s.decisions, output,
                deadLetter == null ? "" : ", " + s.deadLetters + " dead letters (" + deadLetter + ")");
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
        conf.setString("parallelism.default", "1");
        conf.setString("state.backend.type", "hashmap");
        conf.removeKey("execution.checkpointing.interval");
        FlinkConfig.loopbackMetrics(conf);
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
