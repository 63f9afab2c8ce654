package io.moments.models.text;

import io.moments.models.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache of text signals, for texts that repeat (search queries do).
 * Sound only because the model scores each text independently of its batch neighbours ({@link
 * TextEmotionModel.Batching#PER_TEXT}): a cached signal is the very signal the model would give again.
 * Keys are the first 128 bits of the text's SHA-256, so the cache holds no text and a long text costs
 * no more than a short one. Not thread-safe (one per model instance, one model per thread).
 */
final class TextScoreCache {

    private record Key(long hi, long lo) {}

    private final int capacity;
    private final Map<Key, Signal> entries;
    private final MessageDigest sha256;
    private long hits;
    private long misses;

    /** @param capacity entries kept; 0 turns the cache off */
    TextScoreCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Signal> eldest) {
                return size() > TextScoreCache.this.capacity;
            }
        };
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached signal of this text, or null (counted as a hit or a miss). */
    Signal get(String text) {
        if (capacity == 0) {
            misses++;
            return null;
        }
        Signal s = entries.get(key(text));
        if (s == null) {
            misses++;
        } else {
            hits++;
        }
        return s;
    }

    void put(String text, Signal signal) {
        if (capacity > 0) {
            entries.put(key(text), signal);
        }
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    int size() {
        return entries.size();
    }

    private Key key(String text) {
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        return new Key(digest.getLong(), digest.getLong());
    }
}
