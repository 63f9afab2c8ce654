package io.moments.friction;

import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keyed-state store flink-cep's {@code SharedBuffer} keeps its events and nodes in, backed by
 * plain maps that {@link CepMatcher} points at one pattern's buffer at a time and writes into the
 * session's friction memory. So a session's patterns cost one state read per event (the session's),
 * and a copy of the buffer (the reorder base) is a copy of bytes.
 */
final class BufferStore implements KeyedStateStore {

    /** flink-cep's name of the SharedBuffer's per-timestamp event counters (see {@link CepMatcher}'s idle check). */
    static final String EVENT_COUNTERS = "sharedBuffer-events-count";

    /** The SharedBuffer's map states by name (sorted, so their bytes come out in a stable order). */
    private final Map<String, BackedMapState<Object, Object>> states = new TreeMap<>();

    /** Points every map state at {@code maps} (one pattern's buffer), creating the maps it lacks. */
    void use(Map<String, Map<Object, Object>> maps) {
        for (Map.Entry<String, BackedMapState<Object, Object>> s : states.entrySet()) {
            s.getValue().backing = maps.computeIfAbsent(s.getKey(), k -> new HashMap<>());
        }
    }

    void write(Map<String, Map<Object, Object>> maps, DataOutputView out) throws IOException {
        for (Map.Entry<String, BackedMapState<Object, Object>> s : states.entrySet()) {
            Map<Object, Object> m = maps.getOrDefault(s.getKey(), Map.of());
            out.writeInt(m.size());
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                s.getValue().keys.serialize(e.getKey(), out);
                s.getValue().values.serialize(e.getValue(), out);
            }
        }
    }

    Map<String, Map<Object, Object>> read(DataInputView in) throws IOException {
        Map<String, Map<Object, Object>> maps = new HashMap<>();
        for (Map.Entry<String, BackedMapState<Object, Object>> s : states.entrySet()) {
            int n = in.readInt();
            Map<Object, Object> m = new HashMap<>(Math.max(4, n * 2));
            for (int i = 0; i < n; i++) {
                m.put(s.getValue().keys.deserialize(in), s.getValue().values.deserialize(in));
            }
            maps.put(s.getKey(), m);
        }
        return maps;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> d) {
        return (MapState<UK, UV>) states.computeIfAbsent(d.getName(), n -> new BackedMapState<>(
                (TypeSerializer<Object>) d.getKeySerializer(), (TypeSerializer<Object>) d.getValueSerializer()));
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> d) {
        throw unsupported();
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ValueState<T> getValueState(
            org.apache.flink.api.common.state.v2.ValueStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ListState<T> getListState(
            org.apache.flink.api.common.state.v2.ListStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <UK, UV> org.apache.flink.api.common.state.v2.MapState<UK, UV> getMapState(
            org.apache.flink.api.common.state.v2.MapStateDescriptor<UK, UV> d) {
        throw unsupported();
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ReducingState<T> getReducingState(
            org.apache.flink.api.common.state.v2.ReducingStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <IN, ACC, OUT> org.apache.flink.api.common.state.v2.AggregatingState<IN, OUT> getAggregatingState(
            org.apache.flink.api.common.state.v2.AggregatingStateDescriptor<IN, ACC, OUT> d) {
        throw unsupported();
    }

    @Override
    public String getBackendTypeIdentifier() {
        return "moments-session-friction-memory";
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("flink-cep's SharedBuffer keeps only map state here");
    }

    /** A map state over whatever map {@link #use} last pointed it at. */
    private static final class BackedMapState<K, V> implements MapState<K, V> {
        final TypeSerializer<K> keys;
        final TypeSerializer<V> values;
        Map<K, V> backing = new HashMap<>();

        BackedMapState(TypeSerializer<K> keys, TypeSerializer<V> values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public V get(K key) {
            return backing.get(key);
        }

        @Override
        public void put(K key, V value) {
            backing.put(key, value);
        }

        @Override
        public void putAll(Map<K, V> map) {
            backing.putAll(map);
        }

        @Override
        public void remove(K key) {
            backing.remove(key);
        }

        @Override
        public boolean contains(K key) {
            return backing.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() {
            return backing.entrySet();
        }

        @Override
        public Iterable<K> keys() {
            return backing.keySet();
        }

        @Override
        public Iterable<V> values() {
            return backing.values();
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return backing.entrySet().iterator();
        }

        @Override
        public boolean isEmpty() {
            return backing.isEmpty();
        }

        @Override
        public void clear() {
            backing.clear();
        }
    }
}
