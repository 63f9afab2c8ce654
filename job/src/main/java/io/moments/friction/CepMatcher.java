package io.moments.friction;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.cep.configuration.SharedBufferCacheConfig;
import org.apache.flink.cep.nfa.ComputationState;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.NFAStateSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.time.TimerService;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Drives flink-cep's NFAs over one session's interactions, as flink-cep's own CepOperator does in
 * event time (advance time to the event, then process it), but with each pattern's NFA state and
 * shared buffer kept in the session's friction memory bytes instead of separate keyed states:
 * one state read per event for all patterns, and the reorder base is a copy of bytes.
 *
 * <p>The bytes hold, per pattern id, the pattern's fingerprint, its {@link NFAState} and its shared
 * buffer, written with flink-cep's own serializers. A pattern whose id is no longer published is
 * dropped with its partial matches; one whose definition changed starts again from none.
 */
public final class CepMatcher implements AutoCloseable {

    /** Version of the bytes' layout; a change needs a reader for the old one. */
    private static final int FORMAT = 1;
    private static final AfterMatchSkipStrategy SKIP = AfterMatchSkipStrategy.skipPastLastEvent();
    /** Conditions never ask for processing time: matching depends on the events alone. */
    private static final TimerService NO_PROCESSING_TIME = () -> 0L;

    private final BufferStore store = new BufferStore();
    private final SharedBuffer<PatternEvent> buffer =
            new SharedBuffer<>(store, PatternEventSerializer.INSTANCE, new SharedBufferCacheConfig());
    private final NFAStateSerializer nfaStates = new NFAStateSerializer();
    private final DataOutputSerializer out = new DataOutputSerializer(256);

    /** A session's partial matches, decoded for a run of events. */
    public static final class Memory {
        final List<Section> sections;

        Memory(List<Section> sections) {
            this.sections = sections;
        }
    }

    /** One pattern's part of the memory; {@code raw} is its encoded body while unchanged. */
    static final class Section {
        final CompiledPatterns.Compiled pattern;
        final NFAState state;
        final Map<String, Map<Object, Object>> buffer;
        byte[] raw;

        Section(CompiledPatterns.Compiled pattern, NFAState state, Map<String, Map<Object, Object>> buffer, byte[] raw) {
            this.pattern = pattern;
            this.state = state;
            this.buffer = buffer;
            this.raw = raw;
        }
    }

    /** Reads {@code bytes} (null: no interaction yet) for {@code patterns}. */
    public Memory decode(CompiledPatterns patterns, byte[] bytes) {
        Map<String, byte[]> bodies = new HashMap<>();
        Map<String, Long> fingerprints = new HashMap<>();
        try {
            if (bytes != null) {
                DataInputDeserializer in = new DataInputDeserializer(bytes);
                int format = in.readInt();
                if (format != FORMAT) {
                    throw new IllegalStateException("friction memory format " + format + " is not " + FORMAT);
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String id = in.readUTF();
                    fingerprints.put(id, in.readLong());
                    byte[] body = new byte[in.readInt()];
                    in.readFully(body);
                    bodies.put(id, body);
                }
            }
            List<Section> sections = new ArrayList<>(patterns.patterns().size());
            for (CompiledPatterns.Compiled c : patterns.patterns()) {
                byte[] body = bodies.get(c.spec().id());
                Long fingerprint = fingerprints.get(c.spec().id());
                if (body == null || fingerprint != c.spec().fingerprint()) {
                    sections.add(new Section(c, c.nfa().createInitialNFAState(), new HashMap<>(), null));
                } else {
                    DataInputDeserializer in = new DataInputDeserializer(body);
                    NFAState state = nfaStates.deserialize(in);
                    sections.add(new Section(c, state, store.read(in), body));
                }
            }
            return new Memory(sections);
        } catch (IOException e) {
            throw new UncheckedIOException("friction memory unreadable", e);
        }
    }

    public byte[] encode(Memory m) {
        try {
            out.clear();
            out.writeInt(FORMAT);
            out.writeInt(m.sections.size());
            DataOutputSerializer body = new DataOutputSerializer(128);
            for (Section s : m.sections) {
                if (s.raw == null) {
                    body.clear();
                    nfaStates.serialize(s.state, body);
                    store.write(s.buffer, body);
                    s.raw = body.getCopyOfBuffer();
                }
                out.writeUTF(s.pattern.spec().id());
                out.writeLong(s.pattern.spec().fingerprint());
                out.writeInt(s.raw.length);
                out.write(s.raw);
            }
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Feeds one interaction, in the session's event-time order: first the absences whose deadline it
     * passes, then the matches it completes.
     */
    public List<FrictionMoment> onEvent(Memory m, String sessionId, PatternEvent e) {
        List<FrictionMoment> absences = new ArrayList<>(0);
        List<FrictionMoment> matches = new ArrayList<>(0);
        for (Section s : m.sections) {
            run(s, accessor -> {
                collectAbsences(s, sessionId, s.pattern.nfa().advanceTime(accessor, s.state, e.ts, SKIP), absences);
                for (Map<String, List<PatternEvent>> match
                        : s.pattern.nfa().process(accessor, s.state, e, e.ts, SKIP, NO_PROCESSING_TIME)) {
                    matches.add(MatchWords.moment(sessionId, s.pattern.spec(), match));
                }
            });
        }
        absences.addAll(matches);
        return absences;
    }

    /** The absences due at or before {@code upTo} (the watermark), without changing {@code m}'s owner's bytes. */
    public List<FrictionMoment> advance(Memory m, String sessionId, long upTo) {
        List<FrictionMoment> absences = new ArrayList<>(1);
        for (Section s : m.sections) {
            if (s.pattern.spec().isAbsence()) {
                run(s, accessor -> collectAbsences(s, sessionId,
                        s.pattern.nfa().advanceTime(accessor, s.state, upTo, SKIP), absences));
            }
        }
        return absences;
    }

    /**
     * The earliest deadline of a pending absence not yet reported; {@link Long#MAX_VALUE} when none.
     *
     * @param reported whether the absence of (pattern id, first event time) was already reported
     */
    public long deadline(Memory m, BiPredicate<String, Long> reported) {
        long earliest = Long.MAX_VALUE;
        for (Section s : m.sections) {
            if (s.pattern.spec().isAbsence()) {
                long window = s.pattern.spec().within().toMillis();
                for (ComputationState c : s.state.getPartialMatches()) {
                    if (c.getStartEventID() != null && !reported.test(s.pattern.spec().id(), c.getStartTimestamp())) {
                        earliest = Math.min(earliest, c.getStartTimestamp() + window);
                    }
                }
            }
        }
        return earliest;
    }

    private void collectAbsences(Section s, String sessionId,
                                 Tuple2<Collection<Map<String, List<PatternEvent>>>, ?> advanced,
                                 List<FrictionMoment> out) {
        for (Map<String, List<PatternEvent>> match : advanced.f0) {
            out.add(MatchWords.moment(sessionId, s.pattern.spec(), match));
        }
    }

    private interface BufferWork {
        void apply(SharedBufferAccessor<PatternEvent> accessor) throws Exception;
    }

    private void run(Section s, BufferWork work) {
        store.use(s.buffer);
        s.state.resetStateChanged();
        try (SharedBufferAccessor<PatternEvent> accessor = buffer.getAccessor()) {
            work.apply(accessor);
        } catch (Exception e) {
            throw new IllegalStateException("flink-cep failed on pattern " + s.pattern.spec().id(), e);
        }
        if (s.state.isStateChanged()) {
            s.raw = null;
        }
    }

    @Override
    public void close() {
        buffer.releaseCacheStatisticsTimer();
    }
}
