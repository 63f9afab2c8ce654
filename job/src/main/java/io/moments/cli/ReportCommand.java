package io.moments.cli;

import io.moments.lift.LiftReport;
import io.moments.sink.JsonCodec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code report}: the latest lift row of every slice as a table — treatment vs holdout conversion and
 * the difference with its 95 % interval. Reads a lift/v1 JSON-lines file (a replay's {@code --lift},
 * or the last demo's report) or the lift topic.
 */
@Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"The latest lift report (treatment vs holdout, 95%% intervals) as a table; default: the last "
                + "demo's report."})
public final class ReportCommand implements Callable<Integer> {

    static final Path LAST_DEMO_REPORT = Path.of(".moments", "last-lift-report.jsonl");

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    /** A lift/v1 file or a broker: one or the other. */
    static final class Source {
        @Option(names = "--input", paramLabel = "L.jsonl", description = "A lift/v1 file (a replay's --lift).")
        Path input;

        @Option(names = "--bootstrap-servers", paramLabel = "H:P", description = "Read the lift topic of this broker.")
        String bootstrapServers;
    }

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "lift-reports",
            description = "The lift topic (with --bootstrap-servers).")
    String topic;

    @Override
    public Integer call() throws Exception {
        List<LiftReport> rows;
        if (source.bootstrapServers != null) {
            rows = fromKafka(source.bootstrapServers, topic);
        } else {
            Path file = source.input != null ? source.input : LAST_DEMO_REPORT;
            if (!Files.exists(file)) {
                throw Main.usage(spec, "no lift report at " + file + " (run the demo, or pass --input / --bootstrap-servers)");
            }
            rows = fromLines(Files.readAllLines(file));
        }
        print(latest(rows), System.out);
        return 0;
    }

    public static List<LiftReport> fromLines(List<String> lines) throws IOException {
        List<LiftReport> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                rows.add(JsonCodec.parseLift(line));
            }
        }
        return rows;
    }

    /** The newest row of every slice. */
    public static List<LiftReport> latest(List<LiftReport> rows) {
        Map<String, LiftReport> byKey = new TreeMap<>();
        for (LiftReport r : rows) {
            byKey.merge(r.key(), r, (a, b) -> b.asOf() >= a.asOf() ? b : a);
        }
        List<LiftReport> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing((LiftReport r) -> order(r.dimension())).thenComparing(LiftReport::value));
        return out;
    }

    public static void print(List<LiftReport> rows, PrintStream out) {
        if (rows.isEmpty()) {
            out.println("no lift rows yet");
            return;
        }
        long asOf = rows.stream().mapToLong(LiftReport::asOf).max().orElse(0);
        out.printf("lift as of %s (event time); a session counts once, by its first decision%n", Instant.ofEpochMilli(asOf));
        out.printf("%-36s %18s %18s %10s %22s%n", "slice", "treatment", "holdout", "lift", "95% interval");
        for (LiftReport r : rows) {
            out.printf(Locale.ROOT, "%-36s %18s %18s %10s %22s%n", r.key(),
                    rate(r.treatmentConversions(), r.treatmentSessions()), rate(r.holdoutConversions(), r.holdoutSessions()),
                    String.format(Locale.ROOT, "%+.1f pp", 100 * r.lift()),
                    String.format(Locale.ROOT, "[%+.1f, %+.1f] pp", 100 * r.ciLow(), 100 * r.ciHigh()));
        }
        out.println("pp = percentage points; an interval that contains 0 means no significant difference yet.");
    }

    private static String rate(long conversions, long sessions) {
        return String.format(Locale.ROOT, "%d/%d %5.1f%%", conversions, sessions,
                sessions == 0 ? 0.0 : 100.0 * conversions / sessions);
    }

    private static int order(String dimension) {
        return switch (dimension) {
            case "all" -> 0;
            case "intervention" -> 1;
            default -> 2;
        };
    }

    static List<LiftReport> fromKafka(String bootstrap, String topic) throws IOException {
        return fromLines(TopicLines.read(bootstrap, topic));
    }
}
