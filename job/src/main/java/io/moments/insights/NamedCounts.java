package io.moments.insights;

import java.util.Arrays;

/**
 * Counts by name in insertion order (a Flink POJO of two parallel arrays: no map, no Kryo). Small by
 * nature: the triggers or actions seen on one page in one window.
 */
public class NamedCounts {
    public String[] names = new String[0];
    public long[] counts = new long[0];

    public NamedCounts() {}

    public void add(String name, long by) {
        int i = Arrays.asList(names).indexOf(name);
        if (i < 0) {
            names = Arrays.copyOf(names, names.length + 1);
            counts = Arrays.copyOf(counts, counts.length + 1);
            i = names.length - 1;
            names[i] = name;
        }
        counts[i] += by;
    }

    public void addAll(NamedCounts other) {
        for (int i = 0; i < other.names.length; i++) {
            add(other.names[i], other.counts[i]);
        }
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    NamedCounts copy() {
        NamedCounts c = new NamedCounts();
        c.names = names.clone();
        c.counts = counts.clone();
        return c;
    }
}
