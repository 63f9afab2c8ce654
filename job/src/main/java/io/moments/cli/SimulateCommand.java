package io.moments.cli;

import io.moments.demo.Persona;
import io.moments.demo.SessionScripts;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * {@code simulate}: writes the demo's simulated traffic to a JSON-lines file in event-time order, for
 * replays and benchmarks. Deterministic for a seed and start time.
 */
final class SimulateCommand {

    private SimulateCommand() {}

    static void run(Args args) throws Exception {
        int sessions = Integer.parseInt(args.get("sessions", "100"));
        long seed = Long.parseLong(args.get("seed", "1"));
        long start = Instant.parse(args.get("start", "2026-11-20T10:00:00Z")).toEpochMilli();
        long gapMs = Args.duration(args.get("gap", "500ms")).toMillis();
        Path output = Path.of(args.required("output"));
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
    }
}
