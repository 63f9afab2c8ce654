package io.moments.decide;

import java.util.Arrays;

/** Per-session memory of past actions, for frequency caps and cooldowns (a Flink POJO). */
public class DecisionHistory {
    /** Event times of the most recent actions (holdout included, so both arms are capped alike). */
    public long[] recentActs = new long[0];
    /** Event time each trigger last led to an action, by {@link Triggers#index}. */
    public long[] lastActByTrigger = filled(Triggers.COUNT);

    public DecisionHistory() {}

    public int actsSince(long since) {
        int n = 0;
        for (long t : recentActs) {
            if (t >= since) {
                n++;
            }
        }
        return n;
    }

    public void recordAct(long ts, String[] triggers, int keep) {
        long[] next = Arrays.copyOf(recentActs, recentActs.length + 1);
        next[next.length - 1] = ts;
        recentActs = next.length > keep ? Arrays.copyOfRange(next, next.length - keep, next.length) : next;
        for (String trigger : triggers) {
            lastActByTrigger[Triggers.index(trigger)] = ts;
        }
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, Long.MIN_VALUE);
        return a;
    }
}
