package io.moments.friction;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.shaded.guava33.com.google.common.cache.Cache;
import org.apache.flink.shaded.guava33.com.google.common.cache.CacheStats;
import org.apache.flink.shaded.guava33.com.google.common.collect.ImmutableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A write-through stand-in for the two Guava caches flink-cep's {@link SharedBuffer} keeps in front
 * of its state. There they spare RocksDB reads; here the state already is plain maps in memory
 * ({@link BufferStore}), and the caches' bookkeeping was a third of the NFAs' time in the clickstream
 * benchmark. {@link #install} swaps them in by reflection on flink-cep 2.2's private fields; if a
 * flink-cep version names them differently, the buffer keeps its own caches (correct, slower) and a
 * warning says so ({@code CepMatcherTest} fails on it, so an upgrade notices).
 */
final class DirectBufferCache<K, V> implements Cache<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(DirectBufferCache.class);

    private final MapState<K, V> state;
    /** What the buffer sees as cached: always nothing (it only reads this, to flush). */
    private final ConcurrentMap<K, V> nothing = new ConcurrentHashMap<>();

    private DirectBufferCache(MapState<K, V> state) {
        this.state = state;
    }

    /** Replaces the buffer's caches with write-through ones over its own map states; false if it could not. */
    static boolean install(SharedBuffer<?> buffer) {
        try {
            replace(buffer, "eventsBufferCache", "eventsBuffer");
            replace(buffer, "entryCache", "entries");
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("flink-cep's SharedBuffer keeps its caches ({}): friction patterns stay correct but run slower", e.toString());
            return false;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void replace(SharedBuffer<?> buffer, String cacheField, String stateField) throws ReflectiveOperationException {
        Field state = SharedBuffer.class.getDeclaredField(stateField);
        Field cache = SharedBuffer.class.getDeclaredField(cacheField);
        state.setAccessible(true);
        cache.setAccessible(true);
        cache.set(buffer, new DirectBufferCache((MapState) state.get(buffer)));
    }

    @Override
    public V getIfPresent(Object key) {
        return null; // the buffer then reads its state, which is in memory
    }

    @Override
    public V get(K key, Callable<? extends V> loader) throws java.util.concurrent.ExecutionException {
        try {
            return loader.call();
        } catch (Exception e) {
            throw new java.util.concurrent.ExecutionException(e);
        }
    }

    @Override
    public ImmutableMap<K, V> getAllPresent(Iterable<?> keys) {
        return ImmutableMap.of();
    }

    @Override
    public void put(K key, V value) {
        try {
            state.put(key, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        m.forEach(this::put);
    }

    @Override
    public void invalidate(Object key) {
        // the buffer removes the entry from its state itself
    }

    @Override
    public void invalidateAll(Iterable<?> keys) {
    }

    @Override
    public void invalidateAll() {
    }

    @Override
    public long size() {
        return 0;
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(0, 0, 0, 0, 0, 0);
    }

    @Override
    public ConcurrentMap<K, V> asMap() {
        return nothing;
    }

    @Override
    public void cleanUp() {
    }
}
