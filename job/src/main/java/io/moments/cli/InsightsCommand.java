package io.moments.cli;

import io.moments.insights.InsightTable;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code insights}: the top friction steps and pages of the latest insight windows, from an insight/v1
 * file (a replay's {@code --insights}), the insights topic, the running demo's broker, or else the
 * last demo's rows.
 */
public final class InsightsCommand {

    static final Path LAST_DEMO_INSIGHTS = Path.of(".moments", "last-insights.jsonl");

    private InsightsCommand() {}

    static void run(Args args) throws Exception {
        int windows = Integer.parseInt(args.get("windows", "5"));
        int top = Integer.parseInt(args.get("top", "10"));
        InsightTable table = new InsightTable();
        String input = args.get("input", null);
        if (input == null && args.get("bootstrap-servers", null) == null && !Files.exists(ConsumeCommand.DEMO_BROKER)
                && Files.exists(LAST_DEMO_INSIGHTS)) {
            input = LAST_DEMO_INSIGHTS.toString();
        }
        if (input != null) {
            Path file = Path.of(input);
            if (!Files.isRegularFile(file)) {
                throw new Args.UsageException("no such insights file: " + file);
            }
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    table.add(line);
                }
            }
        } else {
            String bootstrap = args.get("bootstrap-servers", null);
            if (bootstrap == null) {
                if (!Files.exists(ConsumeCommand.DEMO_BROKER)) {
                    throw new Args.UsageException("pass --input F.jsonl or --bootstrap-servers H:P (no demo is running "
                            + "and none has run here)");
                }
                bootstrap = Files.readString(ConsumeCommand.DEMO_BROKER).trim();
            }
            TopicLines.read(bootstrap, args.get("topic", "insights")).forEach(table::add);
        }
        table.print(windows, top, System.out);
    }
}
