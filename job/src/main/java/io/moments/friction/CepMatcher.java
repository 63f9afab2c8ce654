package io.moments.friction;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.cep.configuration.CEPCacheOptions;
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
 * <p>The bytes hold, per pattern id with a partial match, the pattern's fingerprint, when its
 * earliest partial match times out, and its body: its {@link NFAState} and its shared buffer, written
 * with flink-cep's own serializers. An idle pattern (no partial match, nothing buffered) is not
 * written at all, and a session with none is null. A body is read only when the pattern has work: an
 * idle pattern and an event that cannot begin it, or a relaxed pattern and an event that meets none
 * of its conditions before anything times out, are skipped unread. A pattern whose id is no longer
 * published is dropped with its partial matches; one whose definition changed starts again from none.
 */
public final class CepMatcher implements AutoCloseable {

    /** Version of the bytes' layout; a change needs a reader for the old one. */
    private static final int FORMAT = 1;
    private static final AfterMatchSkipStrategy SKIP = AfterMatchSkipStrategy.skipPastLastEvent();
    /** Conditions never ask for processing time: matching depends on the events alone. */
    private static final TimerService NO_PROCESSING_TIME = () -> 0L;

    private final BufferStore store = new BufferStore();
    private final SharedBuffer<PatternEvent> buffer = new SharedBuffer<>(store, PatternEventSerializer.INSTANCE,
            new SharedBufferCacheConfig(0, 0, CEPCacheOptions.CEP_CACHE_STATISTICS_INTERVAL.defaultValue()));
    /** The buffer's state already is plain maps: its caches are bypassed ({@link DirectBufferCache}). */
    final boolean cachesBypassed = DirectBufferCache.install(buffer);
    /** Skips patterns an event leaves as they are; off only to check, in tests, that skipping changes nothing. */
    private final boolean skipUntouched;
    private final NFAStateSerializer nfaStates = new NFAStateSerializer();
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataOutputSerializer body = new DataOutputSerializer(128);

    public CepMatcher() {
        this(true);
    }

    CepMatcher(boolean skipUntouched) {
        this.skipUntouched = skipUntouched;
    }

    /** A session's partial matches, for a run of events. */
    public static final class Memory {
        final List<Section> sections;

        Memory(List<Section> sections) {
            this.sections = sections;
        }
    }

    /** One pattern's part of the memory: its encoded body, decoded when there is work for it. */
    static final class Section {
        final CompiledPatterns.Compiled pattern;
        /** The encoded body while it matches {@link #state} and {@link #buffer}; null once they changed. */
        byte[] raw;
        boolean idle;
        /** When the earliest partial match times out (an absence: its deadline); MAX_VALUE when idle. */
        long expiresAt;
        NFAState state;
        Map<String, Map<Object, Object>> buffer;

        Section(CompiledPatterns.Compiled pattern, byte[] raw, boolean idle, long expiresAt) {
            this.pattern = pattern;
            this.raw = raw;
            this.idle = idle;
            this.expiresAt = expiresAt;
        }

        /** Whether {@code e} leaves this pattern's NFA as it is, so it need not be read. */
        boolean untouchedBy(PatternEvent e) {
            return idle ? !pattern.canBegin(e) : e.ts < expiresAt && !pattern.concerns(e);
        }
    }

    /** Reads {@code bytes} (null: no interaction yet) for {@code patterns}; bodies stay encoded until needed. */
    public Memory decode(CompiledPatterns patterns, byte[] bytes) {
        Map<String, Section> stored = new HashMap<>();
        try {
            if (bytes != null) {
                DataInputDeserializer in = new DataInputDeserializer(bytes);
                int format = in.readInt();
                if (format != FORMAT) {
                    throw new IllegalStateException("friction memory format " + format + " is not " + FORMAT);
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String id = in.readUTF();
                    long fingerprint = in.readLong();
                    long expiresAt = in.readLong();
                    byte[] raw = new byte[in.readInt()];
                    in.readFully(raw);
                    CompiledPatterns.Compiled c = patterns.byId(id);
                    if (c != null && c.spec().fingerprint() == fingerprint) {
                        stored.put(id, new Section(c, raw, false, expiresAt));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("friction memory unreadable", e);
        }
        List<Section> sections = new ArrayList<>(patterns.patterns().size());
        for (CompiledPatterns.Compiled c : patterns.patterns()) {
            Section s = stored.get(c.spec().id());
            sections.add(s != null ? s : new Section(c, initialBody(c), true, Long.MAX_VALUE));
        }
        return new Memory(sections);
    }

    /** The memory as bytes; null when every pattern is idle (as before any interaction). */
    public byte[] encode(Memory m) {
        try {
            int written = 0;
            for (Section s : m.sections) {
                written += s.idle ? 0 : 1;
            }
            if (written == 0) {
                return null;
            }
            out.clear();
            out.writeInt(FORMAT);
            out.writeInt(written);
            for (Section s : m.sections) {
                if (s.idle) {
                    continue; // an idle pattern is written as none: it reads back as the initial state
                }
                if (s.raw == null) {
                    s.raw = encodeBody(s.state, s.buffer);
                }
                out.writeUTF(s.pattern.spec().id());
                out.writeLong(s.pattern.spec().fingerprint());
                out.writeLong(s.expiresAt);
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
            if (skipUntouched && s.untouchedBy(e)) {
                continue;
            }
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

    /** The absences due at or before {@code upTo} (the watermark). */
    public List<FrictionMoment> advance(Memory m, String sessionId, long upTo) {
        List<FrictionMoment> absences = new ArrayList<>(1);
        for (Section s : m.sections) {
            if (s.pattern.spec().isAbsence() && !s.idle && upTo >= s.expiresAt) {
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
            if (s.pattern.spec().isAbsence() && !s.idle) {
                if (s.raw != null && !reported.test(s.pattern.spec().id(), s.expiresAt - s.pattern.spec().within().toMillis())) {
                    earliest = Math.min(earliest, s.expiresAt); // the header knows the earliest; read only to skip a reported one
                    continue;
                }
                decodeBody(s);
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
        decodeBody(s);
        store.use(s.buffer);
        s.state.resetStateChanged();
        try (SharedBufferAccessor<PatternEvent> accessor = buffer.getAccessor()) {
            work.apply(accessor);
        } catch (Exception e) {
            throw new IllegalStateException("flink-cep failed on pattern " + s.pattern.spec().id(), e);
        }
        if (s.state.isStateChanged()) {
            s.raw = null;
            s.idle = isIdle(s);
            s.expiresAt = earliestTimeout(s);
        }
    }

    private void decodeBody(Section s) {
        if (s.state != null) {
            return;
        }
        try {
            DataInputDeserializer in = new DataInputDeserializer(s.raw);
            s.state = nfaStates.deserialize(in);
            s.buffer = store.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("friction memory of pattern " + s.pattern.spec().id() + " unreadable", e);
        }
    }

    private byte[] initialBody(CompiledPatterns.Compiled c) {
        if (c.initialBody == null) {
            c.initialBody = encodeBody(c.nfa().createInitialNFAState(), new HashMap<>());
        }
        return c.initialBody;
    }

    private byte[] encodeBody(NFAState state, Map<String, Map<Object, Object>> maps) {
        try {
            body.clear();
            nfaStates.serialize(state, body);
            store.write(maps, body);
            return body.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long earliestTimeout(Section s) {
        long window = s.pattern.spec().within().toMillis();
        long earliest = Long.MAX_VALUE;
        for (ComputationState c : s.state.getPartialMatches()) {
            if (c.getStartEventID() != null) {
                earliest = Math.min(earliest, c.getStartTimestamp() + window);
            }
        }
        return earliest;
    }

    /**
     * Only the start state and no buffered event: an event that cannot begin a match leaves it as it
     * is. (The buffer's per-timestamp event counters may remain; they only number events of a time
     * not seen again, and the next advance of time drops them.)
     */
    private static boolean isIdle(Section s) {
        if (!s.state.getCompletedMatches().isEmpty() || s.state.getPartialMatches().size() != 1
                || s.state.getPartialMatches().peek().getStartEventID() != null) {
            return false;
        }
        for (Map.Entry<String, Map<Object, Object>> m : s.buffer.entrySet()) {
            if (!m.getKey().equals(BufferStore.EVENT_COUNTERS) && !m.getValue().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        buffer.releaseCacheStatisticsTimer();
    }
}
