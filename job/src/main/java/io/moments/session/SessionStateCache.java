package io.moments.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session states this instance wrote last, by session id, so the next event of an active
 * session need not read and deserialize its state again: a bounded, least-recently-used,
 * write-through cache in front of the keyed state. Every change is still written to the state
 * backend at once (checkpoints and savepoints see exactly what they saw without it); an entry only
 * saves the read. An entry older than the state's time-to-live is not returned, as the backend
 * would not return the value either. A restore starts it empty.
 */
final class SessionStateCache {

    private record Entry(SessionState state, long writtenAt) {}

    private final int capacity;
    private final long ttlMs;
    private final LinkedHashMap<String, Entry> entries;
    private long hits;
    private long misses;

    SessionStateCache(int capacity, long ttlMs) {
        this.capacity = capacity;
        this.ttlMs = ttlMs;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > SessionStateCache.this.capacity;
            }
        };
    }

    /** The state last written for {@code sessionId}, or null when it must be read from the backend. */
    SessionState get(String sessionId, long now) {
        Entry e = capacity == 0 ? null : entries.get(sessionId);
        if (e == null || now - e.writtenAt() >= ttlMs) {
            misses++;
            return null;
        }
        hits++;
        return e.state();
    }

    /** {@code state} was just written for {@code sessionId}. */
    void put(String sessionId, SessionState state, long now) {
        if (capacity > 0) {
            entries.put(sessionId, new Entry(state, now));
        }
    }

    /** The session's state was cleared. */
    void remove(String sessionId) {
        entries.remove(sessionId);
    }

    int size() {
        return entries.size();
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }
}
