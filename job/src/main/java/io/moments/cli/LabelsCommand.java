package io.moments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.config.LabelImpulse;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import io.moments.decide.InitialPolicy;
import io.moments.decide.Policy;
import io.moments.labels.LabelRules;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.ratings.Bootstrap;
import io.moments.ratings.InvalidInputException;
import io.moments.ratings.JobLabels;
import io.moments.ratings.LabelCheck;
import io.moments.ratings.LabelFit;
import io.moments.ratings.LabelerRun;
import io.moments.ratings.RatedMoment;
import io.moments.ratings.Ratings;
import io.moments.ratings.SessionEvents;
import io.moments.run.FlinkConfig;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code labels check}: the job's continuous labels against ratings of session moments ({@code rating/v1});
 * {@code labels fit}: the behaviour impulse magnitudes fitted to such ratings, as a {@code label-weights/v1}
 * document for {@code moments.labels.weights}. The work is in {@code io.moments.ratings}; docs/labels.md.
 */
@Command(name = "labels", mixinStandardHelpOptions = true,
        description = "The continuous labels against ratings by people (docs/labels.md).",
        subcommands = {LabelsCommand.Check.class, LabelsCommand.Fit.class})
final class LabelsCommand {

    private LabelsCommand() {}

    /** What both subcommands read: the sessions, their ratings, and the policy. */
    static final class Inputs {
        @Option(names = "--input", paramLabel = "SESSIONS.jsonl", required = true,
                description = "The sessions: the job's input lines (interaction/v1, text/v1, ...), as replay --input takes them.")
        Path input;

        @Option(names = "--truth", paramLabel = "RATINGS.jsonl", required = true,
                description = "rating/v1 lines: ratings of moments of those sessions (contracts/rating.v1.schema.json).")
        Path truth;

        @Option(names = "--policy", paramLabel = "FILE",
                description = "A policy/v1 document for the threshold and label rules (default: the configuration's policy).")
        Path policy;

        void checkFiles(CommandSpec spec) {
            for (Path p : new Path[]{input, truth, policy}) {
                if (p != null && !Files.isRegularFile(p)) {
                    throw Main.usage(spec, "no such file: " + p);
                }
            }
        }

        Configuration configuration(FlinkConfig flinkConfig) {
            Configuration conf = flinkConfig.load();
            if (policy != null) {
                conf.set(MomentsOptions.POLICY_FILE, policy.toString());
            }
            return conf;
        }
    }

    /** The settings, the policy's label rules, the sessions and the rated moments, read and joined. */
    record Loaded(MomentsSettings settings, Policy policy, SessionEvents events, List<RatedMoment> moments) {

        LabelRules rules() {
            return policy.labels();
        }

        static Loaded of(Configuration conf, Inputs in) throws IOException, InvalidInputException {
            MomentsSettings settings;
            Policy policy;
            try {
                settings = MomentsSettings.from(conf);
                policy = Policy.parse(InitialPolicy.json(settings.policyFile(), settings.session().idle()),
                        settings.session().idle());
            } catch (IllegalArgumentException | Policy.InvalidPolicyException e) {
                throw new InvalidInputException(List.of(e.getMessage()));
            }
            SessionEvents events = SessionEvents.read(in.input, settings.limits(), settings.session().dedupeWindow());
            String ratingsName = in.truth.getFileName().toString();
            List<RatedMoment> moments = RatedMoment.join(Ratings.read(in.truth), events, ratingsName);
            return new Loaded(settings, policy, events, moments);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = {"Replays the sessions through the job and compares its labels right after each rated event "
                    + "with the ratings: per label Spearman, AUC at the policy's threshold, MAE and calibration by band, "
                    + "with bootstrap intervals over sessions."})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Inputs inputs;

        @Option(names = "--resamples", paramLabel = "N", defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
                description = "Bootstrap resamples (1.." + Bootstrap.MAX_RESAMPLES + ").")
        int resamples;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Bootstrap.DEFAULT_SEED,
                description = "Seed of the bootstrap.")
        long seed;

        @Mixin
        FlinkConfig flinkConfig;

        @Override
        public Integer call() throws Exception {
            if (resamples < 1 || resamples > Bootstrap.MAX_RESAMPLES) {
                throw Main.usage(spec, "--resamples must be within 1.." + Bootstrap.MAX_RESAMPLES + ", not " + resamples);
            }
            inputs.checkFiles(spec);
            PrintWriter out = spec.commandLine().getOut();
            Configuration conf = inputs.configuration(flinkConfig);
            try {
                Loaded in = Loaded.of(conf, inputs);
                LabelScores[] job = jobLabels(conf, in);
                LabelCheck.Report report = LabelCheck.evaluate(in.moments(), job, in.rules().threshold(), resamples, seed);
                out.print(LabelCheck.text(report, String.format(Locale.ROOT,
                        "labels check: %s against the job's labels (replay of %s, policy %s, %s)",
                        inputs.truth.getFileName(), inputs.input.getFileName(), in.policy().version(),
                        weightsSource(conf))));
                out.println();
                out.println(agreement(in, job));
                out.flush();
                return 0;
            } catch (InvalidInputException e) {
                return invalid(spec, e);
            }
        }

        /** The job's label samples at the rated moments, from a replay that samples after every event. */
        private LabelScores[] jobLabels(Configuration conf, Loaded in) throws Exception {
            Path dir = Files.createTempDirectory("moments-labels-check");
            try {
                Path samples = dir.resolve("labels.jsonl");
                conf.set(MomentsOptions.LABEL_SAMPLE_INTERVAL, Duration.ofMillis(1));
                ReplayCommand.replay(conf, inputs.input, dir.resolve("decisions.jsonl"), dir.resolve("dead-letters.jsonl"),
                        null, null, null, samples);
                return JobLabels.at(in.moments(), in.events(), JobLabels.read(samples),
                        inputs.truth.getFileName().toString());
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }

        /** How far the fit's Flink-free labeler is from the job on these moments. */
        private static String agreement(Loaded in, LabelScores[] job) {
            LabelScores[] pure = new LabelerRun(in.events(), in.moments()).labels(in.settings().labels(), in.rules());
            double worst = 0;
            for (int m = 0; m < job.length; m++) {
                for (Label label : Label.values()) {
                    worst = Math.max(worst, Math.abs(pure[m].get(label) - job[m].get(label)));
                }
            }
            return String.format(Locale.ROOT, "labels fit's labeler (SessionLabeler without Flink, behaviour only) is "
                    + "within %.1e of the job's samples on these %d moments (samples carry 4 decimals)%s",
                    worst, job.length, worst > 1e-4 ? ": NOT what the job does here, labels fit would not see the job's "
                            + "labels (model signals? idle expiry?)" : "");
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = {"Fits the behaviour impulse magnitudes to the ratings (ridge towards the current ones, "
                    + "coordinate descent on the job's labeler), reports held-out MAE and Spearman by session folds "
                    + "before and after, and writes the magnitudes as a label-weights/v1 document for "
                    + "moments.labels.weights."})
    static final class Fit implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Inputs inputs;

        @Option(names = "--output", paramLabel = "LABELS.json", required = true,
                description = "Where the label-weights/v1 document goes.")
        Path output;

        @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Session folds of the held-out figures.")
        int folds;

        @Option(names = "--lambda", paramLabel = "L", defaultValue = "0.01",
                description = "Ridge strength towards the current magnitudes (squared-error units).")
        double lambda;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the fold shuffle.")
        long seed;

        @Option(names = "--max-sweeps", paramLabel = "N", defaultValue = "20",
                description = "Most coordinate-descent sweeps over all magnitudes.")
        int maxSweeps;

        @Mixin
        FlinkConfig flinkConfig;

        @Override
        public Integer call() throws Exception {
            LabelFit.Options options;
            try {
                options = new LabelFit.Options(folds, lambda, seed, maxSweeps);
            } catch (IllegalArgumentException e) {
                throw Main.usage(spec, "--" + e.getMessage());
            }
            inputs.checkFiles(spec);
            PrintWriter out = spec.commandLine().getOut();
            Configuration conf = inputs.configuration(flinkConfig);
            try {
                Loaded in = Loaded.of(conf, inputs);
                LabelFit.Report r = LabelFit.fit(in.events(), in.moments(), in.settings().labels(), in.rules(), options);
                Files.writeString(output, r.fitted().toJson("Behaviour impulse magnitudes fitted by ./moments labels fit "
                        + "to " + inputs.truth.getFileName() + " (see fit)", provenance(r, in, conf)));
                out.print(LabelFit.text(r, String.format(Locale.ROOT, "labels fit: %s on %s (current weights: %s)",
                        inputs.truth.getFileName(), inputs.input.getFileName(), weightsSource(conf))));
                if (in.events().modelScored() > 0) {
                    out.printf("note: %d text or media events: in the job a model scores them; the fit's labeler "
                            + "sees their behaviour only%n", in.events().modelScored());
                }
                out.printf("%nwrote %s; the job loads it with --set %s=%s%n", output, MomentsOptions.LABEL_WEIGHTS.key(),
                        output);
                out.flush();
                return 0;
            } catch (InvalidInputException e) {
                return invalid(spec, e);
            }
        }

        private ObjectNode provenance(LabelFit.Report r, Loaded in, Configuration conf) {
            ObjectNode fit = new ObjectMapper().createObjectNode();
            fit.put("input", inputs.input.getFileName().toString());
            fit.put("truth", inputs.truth.getFileName().toString());
            fit.put("moments", r.moments());
            fit.put("sessions", r.sessions());
            fit.put("current", weightsSource(conf));
            fit.put("halfLife", in.settings().labels().halfLife().toString());
            fit.put("dwell", in.settings().labels().dwell().toString());
            fit.put("lambda", r.options().lambda());
            fit.put("folds", r.options().folds());
            fit.put("seed", r.options().seed());
            ObjectNode heldOut = fit.putObject("heldOutMae");
            heldOut.put("before", round(r.allBefore().mae()));
            heldOut.put("after", round(r.allAfter().mae()));
            var unmoved = fit.putArray("unmoved");
            for (LabelImpulse k : r.unmoved()) {
                unmoved.add(k.wireName());
            }
            return fit;
        }

        private static double round(double v) {
            return Math.round(v * 10_000) / 10_000.0;
        }
    }

    private static String weightsSource(Configuration conf) {
        return conf.getOptional(MomentsOptions.LABEL_WEIGHTS).map(f -> "weights " + Path.of(f).getFileName())
                .orElse("hand-set weights");
    }

    /** Input the tools cannot use: every problem with its line, no stack trace; exit code 1. */
    private static int invalid(CommandSpec spec, InvalidInputException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": the input cannot be used:");
        for (String line : e.getMessage().split("\n")) {
            err.println("  " + line);
        }
        err.flush();
        return 1;
    }
}
