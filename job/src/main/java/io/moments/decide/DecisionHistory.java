package io.moments.decide;

import java.util.Arrays;

/** Per-session memory of past actions, for frequency caps and cooldowns (a Flink POJO). */
public class DecisionHistory {
    /** Event times of the most recent actions (holdout included, so both arms are capped alike). */
    public long[] recentActs = new long[0];
    /** When each trigger last led to an action, by trigger name (a new trigger needs no restored slot). */
    public TriggerAct[] lastActs = new TriggerAct[0];

    /** One trigger's last action (a Flink POJO). */
    public static class TriggerAct {
        public String trigger;
        public long ts;

        public TriggerAct() {}

        TriggerAct(String trigger, long ts) {
            this.trigger = trigger;
            this.ts = ts;
        }
    }

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

    /** Event time {@code trigger} last led to an action; MIN_VALUE if never. */
    public long lastAct(String trigger) {
        if (lastActs != null) {
            for (TriggerAct a : lastActs) {
                if (a.trigger.equals(trigger)) {
                    return a.ts;
                }
            }
        }
        return Long.MIN_VALUE;
    }

    public void recordAct(long ts, String[] triggers, int keep) {
        long[] next = Arrays.copyOf(recentActs, recentActs.length + 1);
        next[next.length - 1] = ts;
        recentActs = next.length > keep ? Arrays.copyOfRange(next, next.length - keep, next.length) : next;
        if (lastActs == null) {
            lastActs = new TriggerAct[0]; // restored from a savepoint written before the field existed
        }
        for (String trigger : triggers) {
            TriggerAct existing = Arrays.stream(lastActs).filter(a -> a.trigger.equals(trigger)).findFirst().orElse(null);
            if (existing != null) {
                existing.ts = ts;
            } else {
                lastActs = Arrays.copyOf(lastActs, lastActs.length + 1);
                lastActs[lastActs.length - 1] = new TriggerAct(trigger, ts);
            }
        }
    }
}
