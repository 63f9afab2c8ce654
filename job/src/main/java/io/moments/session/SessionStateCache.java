package io.moments.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session states an instance of the session stage has at hand, by session id, so an active
 * session's next event neither reads and deserializes its state again nor, in write-back mode,
 * writes it on every event: a bounded, least-recently-used cache in front of the keyed state.
 *
 * <p>Write-back ({@link SessionOperator}): a changed state stays here, <em>dirty</em>, until the
 * operator writes every dirty state to the backend just before a checkpoint barrier leaves it
 * ({@link #drainDirty}), or until it is evicted ({@link #put} returns it to be written). A checkpoint
 * or savepoint therefore holds exactly what it would without the cache; a restore starts empty.
 * Write-through (any other operator, e.g. a test harness): every change is written at once and an
 * entry only saves the read. A clean entry older than the state's time-to-live is not returned, as
 * the backend would not return the value either.
 */
final class SessionStateCache {

    /** A state to write to the backend under its session's key. */
    record Dirty(String sessionId, SessionState state) {}

    private static final class Entry {
        final SessionState state;
        boolean dirty;
        long writtenAt;

        Entry(SessionState state, boolean dirty, long writtenAt) {
            this.state = state;
            this.dirty = dirty;
            this.writtenAt = writtenAt;
        }
    }

    private final int capacity;
    private final long ttlMs;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long hits;
    private long misses;

    SessionStateCache(int capacity, long ttlMs) {
        this.capacity = capacity;
        this.ttlMs = ttlMs;
    }

    /** The session's latest state, or null when it must be read from the backend. */
    SessionState get(String sessionId, long now) {
        Entry e = entries.get(sessionId);
        if (e == null || (!e.dirty && now - e.writtenAt >= ttlMs)) {
            misses++;
            return null;
        }
        hits++;
        return e.state;
    }

    /**
     * {@code state} is the session's latest: written to the backend already ({@code dirty} false), or
     * to be written later. Returns the least recently used dirty state this pushed out, which the
     * caller must write now, or null.
     */
    Dirty put(String sessionId, SessionState state, boolean dirty, long now) {
        if (capacity == 0) {
            return dirty ? new Dirty(sessionId, state) : null;
        }
        entries.put(sessionId, new Entry(state, dirty, now));
        if (entries.size() <= capacity) {
            return null;
        }
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        Map.Entry<String, Entry> out = eldest.next();
        eldest.remove();
        return out.getValue().dirty ? new Dirty(out.getKey(), out.getValue().state) : null;
    }

    /** The session's state was cleared. */
    void remove(String sessionId) {
        entries.remove(sessionId);
    }

    /** Every state not yet written, to write now; they stay cached, clean as of {@code now}. */
    List<Dirty> drainDirty(long now) {
        List<Dirty> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().dirty) {
                out.add(new Dirty(e.getKey(), e.getValue().state));
                e.getValue().dirty = false;
                e.getValue().writtenAt = now;
            }
        }
        return out;
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
