package io.moments.ratings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * A percentile bootstrap over sessions (a cluster bootstrap): each resample draws as many sessions as
 * there are, with replacement, and takes every rated moment of each draw, so moments of one session
 * (which are not independent) stay together. Fixed seed: the same input gives the same intervals. The
 * number of resamples is bounded ({@link #MAX_RESAMPLES}); an interval is a Monte Carlo estimate from
 * that many draws, and from fewer where a statistic is undefined in some of them (an AUC needs both
 * classes): {@link Interval#resamples} says how many.
 */
public final class Bootstrap {

    public static final int MAX_RESAMPLES = 10_000;
    public static final int DEFAULT_RESAMPLES = 1_000;
    public static final long DEFAULT_SEED = 1;
    /** Two-sided 95 % intervals. */
    public static final double LEVEL = 0.95;

    /** A statistic, its 95 % interval and how many resamples it was defined in (NaN bounds: none). */
    public record Interval(double value, double low, double high, int resamples) {}

    private final int[][] draws;
    private final long seed;

    /**
     * @param sessionOfItem the session of each rated moment (any keys: equal strings are one session)
     */
    public Bootstrap(List<String> sessionOfItem, int resamples, long seed) {
        if (resamples < 1 || resamples > MAX_RESAMPLES) {
            throw new IllegalArgumentException("resamples must be within 1.." + MAX_RESAMPLES + ", not " + resamples);
        }
        this.seed = seed;
        Map<String, List<Integer>> bySession = new LinkedHashMap<>();
        for (int i = 0; i < sessionOfItem.size(); i++) {
            bySession.computeIfAbsent(sessionOfItem.get(i), k -> new ArrayList<>()).add(i);
        }
        List<int[]> sessions = bySession.values().stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
        Random random = new Random(seed);
        draws = new int[resamples][];
        for (int b = 0; b < resamples; b++) {
            int[] items = new int[sessionOfItem.size()];
            int n = 0;
            for (int s = 0; s < sessions.size(); s++) {
                int[] picked = sessions.get(random.nextInt(sessions.size()));
                if (n + picked.length > items.length) {
                    items = Arrays.copyOf(items, Math.max(items.length * 2, n + picked.length));
                }
                System.arraycopy(picked, 0, items, n, picked.length);
                n += picked.length;
            }
            draws[b] = Arrays.copyOf(items, n);
        }
    }

    public int resamples() {
        return draws.length;
    }

    public long seed() {
        return seed;
    }

    /**
     * The statistic on every item and its percentile interval over the resamples.
     *
     * @param statistic of the items at the given indices (an index may repeat); NaN where undefined
     * @param all       the indices of all items
     */
    public Interval interval(ToDoubleFunction<int[]> statistic, int[] all) {
        double value = statistic.applyAsDouble(all);
        double[] replicates = new double[draws.length];
        int n = 0;
        for (int[] draw : draws) {
            double v = statistic.applyAsDouble(draw);
            if (!Double.isNaN(v)) {
                replicates[n++] = v;
            }
        }
        if (n == 0) {
            return new Interval(value, Double.NaN, Double.NaN, 0);
        }
        double[] sorted = Arrays.copyOf(replicates, n);
        Arrays.sort(sorted);
        double tail = (1 - LEVEL) / 2;
        return new Interval(value, Stats.quantile(sorted, tail), Stats.quantile(sorted, 1 - tail), n);
    }
}
