package io.moments.cli;

import io.moments.run.RunCommand;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code ./moments} command line in-process: usage errors are refused with exit code 2 before a command starts
 * (so none of these start Flink or Kafka), {@code --help} exits 0, and a failed command exits 1.
 */
class CommandLineTest {

    /** Every command and bench/score subcommand, as typed after {@code moments}. */
    static final List<String> COMMANDS = List.of("run", "demo", "replay", "simulate", "score", "score text",
            "score text-eval", "score image", "score audio", "bench", "bench clickstream", "bench inference", "bench latency",
            "bench state", "report", "insights", "labels", "labels check", "labels fit", "consume", "generate-completion");

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result moments(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String[] words(String commandLine) {
        return commandLine.isBlank() ? new String[0] : commandLine.trim().split(" +");
    }

    // --- (a) a typo'd option: exit 2, the unknown option named, the command's usage ---
    // (generate-completion is picocli's own help command, which ignores what it does not know)

    static Stream<Arguments> typos() {
        return Stream.of(
                Arguments.of("run --bootstrap-server h:9092", "--bootstrap-server"),
                Arguments.of("demo --duraton 90s", "--duraton"),
                Arguments.of("replay --input a.jsonl --output b.jsonl --polcy candidate.json", "--polcy"),
                Arguments.of("simulate --output f.jsonl --sesions 5", "--sesions"),
                Arguments.of("score --input a.jsonl", "--input"),
                Arguments.of("score text --input a.jsonl --output b.jsonl --model m", "--model"),
                Arguments.of("score text-eval --dta u.jsonl", "--dta"),
                Arguments.of("score image --size 5 a.jpg", "--size"),
                Arguments.of("score audio --rate 16000 a.wav", "--rate"),
                Arguments.of("bench --events 5", "--events"),
                Arguments.of("bench clickstream --event 5", "--event"),
                Arguments.of("bench inference --modalty text", "--modalty"),
                Arguments.of("bench latency --seconds 5 --rat 5", "--rat"),
                Arguments.of("bench state --session 5", "--session"),
                Arguments.of("report --inptu l.jsonl", "--inptu"),
                Arguments.of("insights --window 5", "--window"),
                Arguments.of("consume --from-begining", "--from-begining"),
                Arguments.of("labels check --input s.jsonl --truth r.jsonl --resample 5", "--resample"),
                Arguments.of("labels fit --input s.jsonl --truth r.jsonl --output w.json --lamda 1", "--lamda"),
                Arguments.of("labels --input s.jsonl", "--input"));
    }

    @ParameterizedTest(name = "moments {0}")
    @MethodSource("typos")
    void refusesAnUnknownOption(String commandLine, String unknown) {
        Result r = moments(words(commandLine));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option").contains("'" + unknown + "'").contains("Usage: moments ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void suggestsTheOptionMeant() {
        Result r = moments("replay", "--input", "a.jsonl", "--output", "b.jsonl", "--polcy", "candidate.json");
        assertThat(r.err()).contains("--policy").contains("Usage: moments replay");
    }

    @ParameterizedTest(name = "moments {0}")
    @CsvSource({"replya --input a, replya, replay", "bench clikstream, clikstream, clickstream",
            "score txt a.jsonl, txt, text", "labels chek --input a, chek, check", "lables, lables, labels"})
    void refusesAnUnknownCommand(String commandLine, String unknown, String meant) {
        Result r = moments(words(commandLine));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument").contains("'" + unknown + "'").contains(meant)
                .contains("Usage: moments");
    }

    // --- (b) a missing required option, subcommand, parameter or option value: exit 2, naming it ---

    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of("run --parallelism", "Missing required parameter for option '--parallelism'"),
                Arguments.of("demo --duration", "Missing required parameter for option '--duration'"),
                Arguments.of("replay --input a.jsonl", "Missing required option: '--output=FILE'"),
                Arguments.of("replay --output b.jsonl", "Missing required option: '--input=FILE'"),
                Arguments.of("simulate --sessions 5", "Missing required option: '--output=F.jsonl'"),
                Arguments.of("score", "Missing required subcommand"),
                Arguments.of("score text --input a.jsonl", "Missing required option: '--output=G.jsonl'"),
                Arguments.of("score text-eval --data", "Missing required parameter for option '--data'"),
                Arguments.of("score image", "Missing required parameter: 'FILE'"),
                Arguments.of("score audio", "Missing required parameter: 'FILE.wav'"),
                Arguments.of("bench", "Missing required subcommand"),
                Arguments.of("bench clickstream --events", "Missing required parameter for option '--events'"),
                Arguments.of("bench inference --modality", "Missing required parameter for option '--modality'"),
                Arguments.of("bench latency --rate", "Missing required parameter for option '--rate'"),
                Arguments.of("bench state --sessions", "Missing required parameter for option '--sessions'"),
                Arguments.of("report --input", "Missing required parameter for option '--input'"),
                Arguments.of("insights --top", "Missing required parameter for option '--top'"),
                Arguments.of("consume --idle-timeout", "Missing required parameter for option '--idle-timeout'"),
                Arguments.of("labels", "Missing required subcommand"),
                Arguments.of("labels check --input s.jsonl", "Missing required option: '--truth=RATINGS.jsonl'"),
                Arguments.of("labels check --truth r.jsonl", "Missing required option: '--input=SESSIONS.jsonl'"),
                Arguments.of("labels fit --input s.jsonl --truth r.jsonl", "Missing required option: '--output=LABELS.json'"),
                Arguments.of("labels check --input s.jsonl --truth", "Missing required parameter for option '--truth'"),
                Arguments.of("", "Missing required subcommand"));
    }

    @ParameterizedTest(name = "moments {0}")
    @MethodSource("missing")
    void refusesWhatIsMissing(String commandLine, String message) {
        Result r = moments(words(commandLine));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message).contains("Usage: moments");
    }

    @Test
    void anOptionIsNotTakenForTheValueOfAnother() {
        Result r = moments("demo", "--rate", "--port", "8082");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--rate");
    }

    // --- (c) a malformed value (number, duration, enum, key=value): exit 2, naming option and value ---

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("run --parallelism two", "--parallelism", "two"),
                Arguments.of("run --set parallelism.default", "--set", "parallelism.default"),
                Arguments.of("demo --duration soon", "--duration", "soon"),
                Arguments.of("demo --duration 90", "--duration", "'90' has no unit"),
                Arguments.of("demo --port http", "--port", "http"),
                Arguments.of("demo --rate fast", "--rate", "fast"),
                Arguments.of("replay --input a.jsonl --output b.jsonl --set moments.policy.file",
                        "--set", "moments.policy.file"),
                Arguments.of("simulate --output f.jsonl --sessions many", "--sessions", "many"),
                Arguments.of("simulate --output f.jsonl --gap 5", "--gap", "'5' has no unit"),
                Arguments.of("simulate --output f.jsonl --start yesterday", "--start", "yesterday"),
                Arguments.of("simulate --output f.jsonl --seed 0x1", "--seed", "0x1"),
                Arguments.of("bench clickstream --events 2M", "--events", "2M"),
                Arguments.of("bench clickstream --state-backend leveldb", "--state-backend", "leveldb"),
                Arguments.of("bench clickstream --parallelism 1.5", "--parallelism", "1.5"),
                Arguments.of("bench inference --modality video", "--modality", "video"),
                Arguments.of("bench inference --rounds x", "--rounds", "x"),
                Arguments.of("bench latency --seconds 2min", "--seconds", "2min"),
                Arguments.of("bench latency --rate fast", "--rate", "fast"),
                Arguments.of("bench state --sessions 1e4", "--sessions", "1e4"),
                Arguments.of("insights --windows five", "--windows", "five"),
                Arguments.of("consume --idle-timeout 30", "--idle-timeout", "'30' has no unit"),
                Arguments.of("consume --idle-timeout half-a-minute", "--idle-timeout", "half-a-minute"),
                Arguments.of("consume --max-records lots", "--max-records", "lots"),
                Arguments.of("labels check --input s.jsonl --truth r.jsonl --resamples many", "--resamples", "many"),
                Arguments.of("labels check --input s.jsonl --truth r.jsonl --resamples 20000", "--resamples", "1..10000"),
                Arguments.of("labels check --input s.jsonl --truth r.jsonl --resamples 0", "--resamples", "not 0"),
                Arguments.of("labels check --input s.jsonl --truth r.jsonl --seed one", "--seed", "one"),
                Arguments.of("labels fit --input s.jsonl --truth r.jsonl --output w.json --lambda strong", "--lambda", "strong"),
                Arguments.of("labels fit --input s.jsonl --truth r.jsonl --output w.json --lambda -1", "lambda", "-1"),
                Arguments.of("labels fit --input s.jsonl --truth r.jsonl --output w.json --folds two", "--folds", "two"),
                Arguments.of("labels fit --input s.jsonl --truth r.jsonl --output w.json --folds 1", "folds", "not 1"));
    }

    @ParameterizedTest(name = "moments {0}")
    @MethodSource("malformed")
    void refusesAMalformedValue(String commandLine, String option, String value) {
        Result r = moments(words(commandLine));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(option).contains(value).contains("Usage: moments");
        assertThat(r.err()).doesNotContain("at io.moments"); // a message, not a stack trace
    }

    @Test
    void refusesTwoSourcesAtOnce() {
        Result r = moments("report", "--input", "l.jsonl", "--bootstrap-servers", "h:9092");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("mutually exclusive");
    }

    // --- usage errors a command finds itself, before it starts anything ---

    @Test
    void refusesAMissingInputFile() {
        Result r = moments("replay", "--input", dir.resolve("missing.jsonl").toString(), "--output",
                dir.resolve("out.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such input file").contains("Usage: moments replay");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void textEvalRefusesAMissingDataFileAndDefaultsToTheCheckoutsData() {
        Result r = moments("score", "text-eval", "--data", dir.resolve("missing.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such data file").contains("missing.jsonl").contains("Usage: moments score text-eval");
        // without --data: the checkout's own file, wherever the command is run from
        assertThat(Files.isRegularFile(Main.repositoryRoot().resolve("models/text/data/utterances.jsonl"))).isTrue();
    }

    @Test
    void labelsRefusesAMissingInputOrRatingsFile() {
        Path ratings = dir.resolve("r.jsonl");
        write(ratings, "");
        Result r = moments("labels", "check", "--input", dir.resolve("missing.jsonl").toString(), "--truth",
                ratings.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file").contains("missing.jsonl").contains("Usage: moments labels check");
        Result fit = moments("labels", "fit", "--input", ratings.toString(), "--truth", dir.resolve("nope.jsonl").toString(),
                "--output", dir.resolve("w.json").toString());
        assertThat(fit.code()).isEqualTo(2);
        assertThat(fit.err()).contains("no such file").contains("nope.jsonl").contains("Usage: moments labels fit");
    }

    /** A rating line that fails rating/v1 is named with its line and what is wrong; nothing starts, no stack trace. */
    @Test
    void labelsNamesTheRatingLinesThatFailTheirSchema() {
        Path input = dir.resolve("s.jsonl");
        write(input, "{\"schema\":\"interaction/v1\",\"eventId\":\"e1\",\"sessionId\":\"s1\","
                + "\"ts\":\"2026-11-20T10:00:00Z\",\"type\":\"add_to_cart\"}\n");
        Path ratings = dir.resolve("r.jsonl");
        write(ratings, "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"e1\",\"labels\":{\"delight\":0.5}}\n"
                + "\n"
                + "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"e1\",\"rater\":\"b\",\"labels\":{\"delight\":\"high\"}}\n"
                + "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"e9\",\"rater\":\"c\",\"labels\":{\"delite\":0.5}}\n");
        for (String command : List.of("check", "fit")) {
            Result r = command.equals("check")
                    ? moments("labels", "check", "--input", input.toString(), "--truth", ratings.toString(), "--conf-dir", "../flink-conf")
                    : moments("labels", "fit", "--input", input.toString(), "--truth", ratings.toString(), "--output",
                    dir.resolve("w.json").toString(), "--conf-dir", "../flink-conf");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).startsWith("moments labels " + command + ": the input cannot be used:")
                    .contains("r.jsonl line 3: labels.delight: string found, number expected")
                    .contains("r.jsonl line 4: unknown field labels.delite")
                    .doesNotContain("line 1:").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
        assertThat(dir.resolve("w.json")).doesNotExist();
    }

    @Test
    void labelsNamesRatingsOfMomentsItCannotJoin() {
        Path input = dir.resolve("s.jsonl");
        write(input, "{\"schema\":\"interaction/v1\",\"eventId\":\"e1\",\"sessionId\":\"s1\","
                + "\"ts\":\"2026-11-20T10:00:00Z\",\"type\":\"add_to_cart\"}\n");
        Path ratings = dir.resolve("r.jsonl");
        write(ratings, "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"e2\",\"labels\":{\"delight\":0.5}}\n");
        Result r = moments("labels", "check", "--input", input.toString(), "--truth", ratings.toString(), "--conf-dir",
                "../flink-conf");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("r.jsonl line 1: session s1 has no valid event e2 in s.jsonl").doesNotContain("\tat ");
    }

    @Test
    void refusesAMissingConfigurationDirectory() {
        Path input = dir.resolve("in.jsonl");
        write(input, "");
        Result r = moments("replay", "--input", input.toString(), "--output", dir.resolve("out.jsonl").toString(),
                "--conf-dir", dir.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no config.yaml in").contains("--conf-dir");
    }

    static Stream<Arguments> estimateMisuse() {
        return Stream.of(
                Arguments.of("replay --estimate --policy P.json", "--estimate needs --outcomes FILE"),
                Arguments.of("replay --estimate --outcomes L.jsonl", "--estimate needs --policy FILE"),
                Arguments.of("replay --estimate", "--estimate needs --outcomes FILE"),
                Arguments.of("replay --policy P.json --outcomes L.jsonl", "--outcomes is for --estimate"),
                Arguments.of("replay --policy P.json --estimate --outcomes L.jsonl --input a.jsonl",
                        "leave out --input and --output"),
                Arguments.of("replay --policy P.json --estimate --outcomes L.jsonl --audit A.jsonl",
                        "leave out --input and --output"),
                Arguments.of("replay", "Missing required options: '--input=FILE', '--output=FILE'"));
    }

    @ParameterizedTest(name = "moments {0}")
    @MethodSource("estimateMisuse")
    void refusesAnEstimateWithoutWhatItNeeds(String commandLine, String message) {
        Result r = moments(words(commandLine));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message).contains("Usage: moments replay");
    }

    @Test
    void refusesAnEstimateOfAMissingOrInvalidFile() {
        Path log = dir.resolve("log.jsonl");
        Path policy = dir.resolve("candidate.json");
        write(log, "");
        write(policy, "{\"schema\":\"policy/v1\"}");
        Result missing = moments("replay", "--policy", policy.toString(), "--estimate", "--outcomes",
                dir.resolve("none.jsonl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such outcomes file");
        Result invalid = moments("replay", "--policy", policy.toString(), "--estimate", "--outcomes", log.toString());
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("invalid policy").contains("Usage: moments replay");
    }

    @Test
    void refusesAMissingLiftReport() {
        Result r = moments("report", "--input", dir.resolve("missing.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no lift report at").contains("Usage: moments report");
    }

    // --- --help, --version, the command list, completion ---

    static Stream<String> commands() {
        return COMMANDS.stream();
    }

    @ParameterizedTest(name = "moments {0} --help")
    @MethodSource("commands")
    void printsItsUsageOnHelp(String command) {
        Result r = moments(words(command + " --help"));
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).startsWith("Usage: moments " + command);
        assertThat(r.out()).contains("-h, --help");
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest(name = "moments help {0}")
    @MethodSource("commands")
    void printsAUsageThroughTheHelpCommand(String command) {
        if (command.contains(" ")) {
            return; // help takes one command name
        }
        Result r = moments("help", command);
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).startsWith("Usage: moments " + command);
    }

    @Test
    void theTopLevelUsageListsEveryCommand() {
        Result r = moments("--help");
        assertThat(r.code()).isEqualTo(0);
        for (String command : List.of("run", "demo", "replay", "simulate", "score", "bench", "report", "insights",
                "labels", "consume", "help", "generate-completion")) {
            assertThat(r.out()).containsPattern("(?m)^\\s+" + command + "\\s");
        }
        assertThat(moments("help").out()).isEqualTo(r.out());
        Result bench = moments("bench", "--help");
        for (String name : List.of("clickstream", "inference", "latency", "state")) {
            assertThat(bench.out()).containsPattern("(?m)^\\s+" + name + "\\s");
        }
        Result labels = moments("labels", "--help");
        for (String name : List.of("check", "fit")) {
            assertThat(labels.out()).containsPattern("(?m)^\\s+" + name + "\\s");
        }
        Result score = moments("score", "--help");
        for (String name : List.of("text", "text-eval", "image", "audio")) {
            assertThat(score.out()).containsPattern("(?m)^\\s+" + name + "\\s");
        }
    }

    @Test
    void theUsageShowsDefaults() {
        assertThat(moments("bench", "clickstream", "--help").out())
                .contains("--events=N").contains("2000000").contains("rocksdb").contains(".moments/profile");
        assertThat(moments("consume", "--help").out()).contains("--idle-timeout=DURATION").contains("30s");
        assertThat(moments("bench", "inference", "--help").out()).contains("text, image, audio");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "replay --version", "bench state --version"})
    void printsTheProjectVersion(String commandLine) {
        Result r = moments(words(commandLine));
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).matches("moments \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void generatesABashCompletionScript() {
        Result r = moments("generate-completion");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("complete -F").contains("moments").contains("clickstream").contains("--policy");
    }

    // --- values as the commands get them ---

    private static <T> T parsed(Class<T> type, String... args) {
        ParseResult result = Main.commandLine().parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return type.cast(result.commandSpec().userObject());
    }

    @Test
    void parsesDurationsTheWayFlinkDoes() {
        assertThat(parsed(DemoCommand.class, "demo", "--duration", "90s").duration).isEqualTo(Duration.ofSeconds(90));
        assertThat(parsed(DemoCommand.class, "demo", "--duration", "2 min").duration).isEqualTo(Duration.ofMinutes(2));
        assertThat(parsed(DemoCommand.class, "demo", "--duration=1h").duration).isEqualTo(Duration.ofHours(1));
        assertThat(parsed(DemoCommand.class, "demo").duration).isNull();
        assertThat(parsed(SimulateCommand.class, "simulate", "--output", "f").gap).isEqualTo(Duration.ofMillis(500));
        assertThat(parsed(ConsumeCommand.class, "consume").idle).isEqualTo(Duration.ofSeconds(30));
        // --seconds stays a number of seconds, as before
        assertThat(parsed(BenchCommand.Latency.class, "bench", "latency", "--seconds", "120").seconds).isEqualTo(120);
    }

    @Test
    void profileTakesAnOptionalDirectory() {
        assertThat(parsed(BenchCommand.Clickstream.class, "bench", "clickstream").profile).isNull();
        assertThat(parsed(BenchCommand.Clickstream.class, "bench", "clickstream", "--profile").profile)
                .isEqualTo(Path.of(".moments/profile"));
        assertThat(parsed(BenchCommand.Clickstream.class, "bench", "clickstream", "--profile", "out").profile)
                .isEqualTo(Path.of("out"));
        BenchCommand.Clickstream c = parsed(BenchCommand.Clickstream.class, "bench", "clickstream", "--profile",
                "--events", "5", "--state-backend", "HashMap");
        assertThat(c.profile).isEqualTo(Path.of(".moments/profile"));
        assertThat(c.events).isEqualTo(5);
        assertThat(c.backend).isEqualTo(BenchCommand.Backend.hashmap);
    }

    @Test
    void setOverridesTheConfigurationAndKeepsEqualsSignsInValues() {
        RunCommand run = parsed(RunCommand.class, "run", "--set", "parallelism.default=3",
                "--set", "moments.kafka.properties.sasl.jaas.config=Login required username=\"m\" password=\"p\";");
        Configuration conf = run.configuration();
        assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
        assertThat(conf.getString("moments.kafka.properties.sasl.jaas.config", null))
                .isEqualTo("Login required username=\"m\" password=\"p\";");
    }

    /** The command lines of README.md and docs/*.md, as written there. */
    @ParameterizedTest(name = "moments {0}")
    @ValueSource(strings = {
            "demo --duration 90s",
            "demo",
            "run --bootstrap-servers broker-1:9092,broker-2:9092 --set moments.kafka.properties.security.protocol=SASL_SSL",
            "replay --input F.jsonl --output G.jsonl --dead-letter H.jsonl",
            "replay --input F --output G --policy P.json --audit A.jsonl --lift L.jsonl --insights I.jsonl --labels S.jsonl",
            "replay --input day.jsonl --output candidate.jsonl --policy candidate.json",
            "replay --policy candidate.json --estimate --outcomes decisions+outcomes.jsonl",
            "replay --policy P.json --estimate --outcomes L.jsonl",
            "replay --input day.jsonl --output decisions.jsonl --audit audit.jsonl",
            "replay --policy candidate.json --estimate --outcomes logged.jsonl",
            "simulate --sessions 500 --output F.jsonl",
            "score text --input F.jsonl --output G.jsonl",
            "score text-eval",
            "score text-eval --data models/text/data/utterances.jsonl",
            "score image A.jpg B.jpg",
            "score audio F.wav",
            "insights --input I.jsonl --windows 5 --top 10",
            "insights --bootstrap-servers H:P",
            "consume --bootstrap-servers H:P --from-beginning --show-records",
            "consume --from-beginning --show-records",
            "report --input L.jsonl",
            "report --bootstrap-servers H:P",
            "bench clickstream --events 1000000 --warmup-events 300000",
            "bench clickstream --events 2000000 --warmup-events 500000 --state-backend rocksdb --parallelism 2 --profile",
            "bench clickstream --profile DIR",
            "bench inference --modality text --items 3000 --warmup 320",
            "bench inference --modality image",
            "bench state --sessions 10000 --baseline-sessions 100 --parallelism 2",
            "bench latency --rate 500 --seconds 120 --warm-up-seconds 30",
            "bench latency --rate 1500 --seconds 120 --set moments.decisions.delivery=exactly-once",
            "labels check --input docs/labels-data/sessions.jsonl --truth docs/labels-data/ratings.jsonl",
            "labels fit --input docs/labels-data/sessions.jsonl --truth docs/labels-data/ratings.jsonl --output labels.json",
            "labels check --input docs/labels-data/sessions.jsonl --truth docs/labels-data/ratings.jsonl --set moments.labels.weights=labels.json",
            "labels check --input S --truth R --policy P.json --resamples 2000 --seed 7",
            "labels check --input F.jsonl --truth R.jsonl",
            "labels fit --input F.jsonl --truth R.jsonl --output W.json",
            "replay --input F.jsonl --output G.jsonl --labels S.jsonl --set moments.labels.weights=labels.json",
            "labels fit --input S --truth R --output W.json --folds 5 --lambda 0.01 --seed 1 --max-sweeps 20",
    })
    void parsesTheDocumentedCommandLines(String commandLine) {
        ParseResult result = Main.commandLine().parseArgs(words(commandLine));
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void flagsNeedNoValue() {
        ConsumeCommand consume = parsed(ConsumeCommand.class, "consume", "--from-beginning", "--show-records");
        assertThat(consume.fromBeginning).isTrue();
        assertThat(consume.showRecords).isTrue();
        assertThat(parsed(ConsumeCommand.class, "consume").fromBeginning).isFalse();
    }

    // --- a failed command, and run as the cluster's entry point ---

    @Test
    void aFailedCommandExitsOneWithItsRootCause() {
        Path output = dir.resolve("no").resolve("such").resolve("dir").resolve("f.jsonl");
        Result r = moments("simulate", "--sessions", "1", "--output", output.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("moments simulate failed: ").contains(output.toString())
                .contains("NoSuchFileException");
        assertThat(r.err()).doesNotContain("Usage:");
    }

    @Test
    void simulateWritesItsFile() throws Exception {
        Path output = dir.resolve("f.jsonl");
        Result r = moments("simulate", "--sessions", "2", "--gap", "1s", "--output", output.toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(Files.readAllLines(output)).isNotEmpty();
    }

    @Test
    void runThrowsItsUsageErrorsInsteadOfExiting() {
        // On a cluster, main must not System.exit: a bad command line fails the application instead.
        assertThatThrownBy(() -> Main.main(new String[]{"run", "--polcy", "p.json"}))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--polcy");
        assertThat(moments("run", "--polcy", "p.json").code()).isEqualTo(2);
    }

    @Test
    void runPrintsItsHelpWithoutExiting() throws Exception {
        Main.main(new String[]{"run", "--help"});
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
