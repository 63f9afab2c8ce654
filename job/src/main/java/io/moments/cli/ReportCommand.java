package io.moments.cli;

import io.moments.lift.LiftReport;
import io.moments.sink.JsonCodec;

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

/**
 * {@code report}: the latest lift row of every slice as a table — treatment vs holdout conversion and
 * the difference with its 95 % interval. Reads a lift/v1 JSON-lines file (a replay's {@code --lift},
 * or the last demo's report) or the lift topic.
 */
public final class ReportCommand {

    static final Path LAST_DEMO_REPORT = Path.of(".moments", "last-lift-report.jsonl");

    private ReportCommand() {}

    static void run(Args args) throws Exception {
        List<LiftReport> rows;
        String bootstrap = args.get("bootstrap-servers", null);
        if (bootstrap != null) {
            rows = fromKafka(bootstrap, args.get("topic", "lift-reports"));
        } else {
            Path file = Path.of(args.get("input", LAST_DEMO_REPORT.toString()));
            if (!Files.exists(file)) {
                throw new Args.UsageException("no lift report at " + file + " (run the demo, or pass --input / --bootstrap-servers)");
            }
            rows = fromLines(Files.readAllLines(file));
        }
        print(latest(rows), System.out);
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
