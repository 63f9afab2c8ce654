package io.moments.cli;

import io.moments.insights.InsightTable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code insights}: the top friction steps and pages of the latest insight windows, from an insight/v1
 * file (a replay's {@code --insights}), the insights topic, the running demo's broker, or else the
 * last demo's rows.
 */
@Command(name = "insights", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"The top friction steps and pages of the latest insight windows; default: the running demo's "
                + "broker, else the last demo's rows."})
public final class InsightsCommand implements Callable<Integer> {

    static final Path LAST_DEMO_INSIGHTS = Path.of(".moments", "last-insights.jsonl");

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    /** An insight/v1 file or a broker: one or the other. */
    static final class Source {
        @Option(names = "--input", paramLabel = "I.jsonl", description = "An insight/v1 file (a replay's --insights).")
        Path input;

        @Option(names = "--bootstrap-servers", paramLabel = "H:P", description = "Read the insights topic of this broker.")
        String bootstrapServers;
    }

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "insights",
            description = "The insights topic (read from a broker).")
    String topic;

    @Option(names = "--windows", paramLabel = "N", defaultValue = "5", description = "The latest windows summed.")
    int windows;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rows per table.")
    int top;

    @Override
    public Integer call() throws Exception {
        InsightTable table = new InsightTable();
        Path input = source.input;
        String bootstrap = source.bootstrapServers;
        if (input == null && bootstrap == null && !Files.exists(ConsumeCommand.DEMO_BROKER)
                && Files.exists(LAST_DEMO_INSIGHTS)) {
            input = LAST_DEMO_INSIGHTS;
        }
        if (input != null) {
            if (!Files.isRegularFile(input)) {
                throw Main.usage(spec, "no such insights file: " + input);
            }
            for (String line : Files.readAllLines(input)) {
                if (!line.isBlank()) {
                    table.add(line);
                }
            }
        } else {
            if (bootstrap == null) {
                if (!Files.exists(ConsumeCommand.DEMO_BROKER)) {
                    throw Main.usage(spec, "pass --input F.jsonl or --bootstrap-servers H:P (no demo is running "
                            + "and none has run here)");
                }
                bootstrap = Files.readString(ConsumeCommand.DEMO_BROKER).trim();
            }
            TopicLines.read(bootstrap, topic).forEach(table::add);
        }
        table.print(windows, top, System.out);
        return 0;
    }
}
