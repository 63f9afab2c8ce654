package io.moments.session;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;

/**
 * The event ids a session has seen, for dropping repeats (a Flink POJO inside the session state, so
 * deduplicating costs no state access of its own): a 64-bit hash of each id with its event time. An
 * id is remembered while the session's newest event is less than the dedupe window of event time
 * after it; a repeat older than that is beyond the allowed lateness in practice. Two distinct ids of
 * one session share a hash with a probability of about n² / 2⁶⁵ for n ids — nil for real sessions.
 */
public class SeenEvents {

    /** Hashes of the ids, in arrival order; {@link #times} holds their event times at the same index. */
    public long[] hashes = new long[0];
    public long[] times = new long[0];

    public SeenEvents() {}

    /**
     * Records {@code eventId} at {@code ts}, first forgetting ids more than {@code windowMs} of event
     * time behind the newest; false when the id was already there (a repeat, nothing recorded).
     */
    public boolean add(String eventId, long ts, long windowMs) {
        long hash = hash(eventId);
        for (long h : hashes) {
            if (h == hash) {
                return false;
            }
        }
        long newest = ts;
        for (long t : times) {
            newest = Math.max(newest, t);
        }
        int kept = 0;
        for (long t : times) {
            if (t >= newest - windowMs) {
                kept++;
            }
        }
        long[] h = new long[kept + 1];
        long[] t = new long[kept + 1];
        int j = 0;
        for (int i = 0; i < times.length; i++) {
            if (times[i] >= newest - windowMs) {
                h[j] = hashes[i];
                t[j++] = times[i];
            }
        }
        h[j] = hash;
        t[j] = ts;
        hashes = h;
        times = t;
        return true;
    }

    public int count() {
        return hashes.length;
    }

    static long hash(String eventId) {
        byte[] bytes = eventId.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash128x64(bytes, 0, bytes.length, 0)[0];
    }
}
