package io.moments.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The inclusive share of samples of each frame in collapsed stacks ({@code a;b;c 17} per line): the
 * part of the work spent in a method and what it calls, as a flame graph shows it by width.
 */
final class ProfileSummary {

    /** Frames the readers of docs/performance.md ask about: Moments' own, RocksDB's, serializers, flink-cep. */
    static final Predicate<String> OF_INTEREST = f -> f.startsWith("io/moments/") || f.startsWith("org/rocksdb/")
            || f.startsWith("org/apache/flink/cep/") || f.endsWith("Serializer.serialize")
            || f.endsWith("Serializer.deserialize") || f.startsWith("org/apache/flink/streaming/api/operators/windowing/");

    record Share(String frame, double percent) {}

    private ProfileSummary() {}

    /** The {@code limit} frames with the largest inclusive share among those {@code wanted}, largest first. */
    static List<Share> inclusive(String collapsed, Predicate<String> wanted, int limit) {
        Map<String, Long> inclusive = new HashMap<>();
        long total = 0;
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).trim());
            total += samples;
            // A recursive method counts once per stack, as a flame graph draws it.
            Set<String> frames = new HashSet<>(List.of(line.substring(0, space).split(";")));
            for (String frame : frames) {
                if (wanted.test(frame)) {
                    inclusive.merge(frame, samples, Long::sum);
                }
            }
        }
        long all = total;
        List<Share> shares = new ArrayList<>();
        inclusive.forEach((frame, samples) -> shares.add(new Share(frame, 100.0 * samples / all)));
        shares.sort(Comparator.comparingDouble(Share::percent).reversed());
        return shares.subList(0, Math.min(limit, shares.size()));
    }

    /** The shares as a text table, one frame a line. */
    static String table(List<Share> shares) {
        StringBuilder out = new StringBuilder("inclusive %  frame\n");
        for (Share s : shares) {
            out.append(String.format(Locale.ROOT, "%10.1f  %s%n", s.percent(), s.frame()));
        }
        return out.toString();
    }
}
