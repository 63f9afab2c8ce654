package io.moments.cli;

import io.moments.local.LoopbackPrometheusReporterFactory;
import io.moments.run.FlinkConfig;
import io.moments.MomentsJob;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import io.moments.decide.Policy;
import io.moments.ingest.JsonLinesInput;
import io.moments.lift.offpolicy.DecisionLog;
import io.moments.lift.offpolicy.EstimateReport;
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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code replay}: the same operators on a bounded JSON-lines file, optionally under a candidate policy
 * ({@code --policy P.json}) so analysts can compare policies before deploying. Runs on a local Flink with one
 * subtask per operator (so the output order is deterministic), the heap state backend and no
 * checkpoints (a failed replay is simply run again), and returns when the input is exhausted: at
 * the end the watermark jumps to the end of time, so pending checkout pauses fire as abandonment.
 *
 * <p>With {@code --estimate} it replays nothing: it estimates the candidate policy's conversion rate
 * from logged decisions and outcomes ({@code --outcomes}) off-policy (io.moments.lift.offpolicy,
 * docs/decisions.md).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"The same job on a bounded JSON-lines file (any mix of schemas), optionally under a candidate "
                + "policy; exits when the input is exhausted.",
                "With --estimate: the candidate policy's conversion rate estimated from logged decisions and "
                        + "outcomes, without replaying."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // Required for a replay, not for --estimate: call() says so in picocli's words.
    @Option(names = "--input", paramLabel = "FILE",
            description = "The input: JSON lines of any mix of schemas (required, except with --estimate).")
    Path input;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where the decisions go (required, except with --estimate).")
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

    @Option(names = "--estimate",
            description = "Instead of replaying: estimate the candidate --policy's conversion rate and lift from "
                    + "the logged decisions and outcomes in --outcomes (SNIPS and doubly robust, with intervals, "
                    + "the effective sample size and whether to trust it). Prints a JSON line, and a table on "
                    + "standard error.")
    boolean estimate;

    @Option(names = "--outcomes", paramLabel = "FILE",
            description = "For --estimate: JSON lines of decision/v1 records, their audit/v1 records and the "
                    + "session events (purchases, outcome/v1), in any order.")
    Path outcomes;

    @Mixin
    FlinkConfig flinkConfig;

    @Override
    public Integer call() throws Exception {
        if (estimate || outcomes != null) {
            return estimate();
        }
        List<String> missing = new ArrayList<>();
        if (input == null) {
            missing.add("'--input=FILE'");
        }
        if (output == null) {
            missing.add("'--output=FILE'");
        }
        if (!missing.isEmpty()) {
            throw Main.usage(spec, (missing.size() == 1 ? "Missing required option: " : "Missing required options: ")
                    + String.join(", ", missing));
        }
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

    /** {@code --estimate}: no Flink, no replay; the logged sessions decided again under the candidate. */
    private int estimate() throws Exception {
        if (!estimate) {
            throw Main.usage(spec, "--outcomes is for --estimate");
        }
        if (outcomes == null) {
            throw Main.usage(spec, "--estimate needs --outcomes FILE: the logged decisions, their audit records and "
                    + "the outcomes");
        }
        if (policy == null) {
            throw Main.usage(spec, "--estimate needs --policy FILE: the candidate policy to estimate");
        }
        if (input != null || output != null || deadLetter != null || audit != null || lift != null || insights != null
                || labels != null) {
            throw Main.usage(spec, "--estimate reads --outcomes and replays nothing: leave out --input and --output "
                    + "(and the other files a replay writes)");
        }
        if (!Files.isRegularFile(outcomes)) {
            throw Main.usage(spec, "no such outcomes file: " + outcomes);
        }
        if (!Files.isRegularFile(policy)) {
            throw Main.usage(spec, "no such policy file: " + policy);
        }
        Policy candidate;
        try {
            candidate = Policy.parse(Files.readString(policy),
                    flinkConfig.load().get(MomentsOptions.SESSION_IDLE));
        } catch (Policy.InvalidPolicyException e) {
            throw Main.usage(spec, "invalid policy " + policy + ": " + e.getMessage());
        }
        EstimateReport report = EstimateReport.of(candidate, DecisionLog.read(outcomes));
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.json());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.print(report.table());
        err.flush();
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
