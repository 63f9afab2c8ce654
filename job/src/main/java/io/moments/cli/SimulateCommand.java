package io.moments.cli;

import io.moments.demo.Persona;
import io.moments.demo.SessionScripts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code simulate}: writes the demo's simulated traffic to a JSON-lines file in event-time order, for
 * replays and benchmarks. Deterministic for a seed and start time.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "The demo's shopper traffic as a JSON-lines file in event-time order (input for replay).")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "F.jsonl", required = true, description = "The file to write.")
    Path output;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "100", description = "Shopper sessions.")
    int sessions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed.")
    long seed;

    @Option(names = "--start", paramLabel = "ISO-TIME", defaultValue = "2026-11-20T10:00:00Z",
            description = "Event time of the first session.")
    Instant startTime;

    @Option(names = "--gap", paramLabel = "DURATION", defaultValue = "500ms",
            description = "Event time between the starts of two sessions.")
    Duration gap;

    @Override
    public Integer call() throws Exception {
        long start = startTime.toEpochMilli();
        long gapMs = gap.toMillis();
        Random random = new Random(seed);
        List<SessionScripts.TimedRecord> records = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            records.addAll(SessionScripts.session(Persona.pick(random), String.format("sim-%06d", i),
                    start + i * gapMs, random));
        }
        records.sort(Comparator.comparingLong(SessionScripts.TimedRecord::ts));
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (SessionScripts.TimedRecord r : records) {
                w.write(r.json());
                w.write('\n');
            }
        }
        System.out.printf("wrote %d records of %d sessions to %s%n", records.size(), sessions, output);
        return 0;
    }
}
