package io.moments.friction;

import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.Locale;

/**
 * Writes a {@link PatternEvent} inside the friction memory bytes: the time, then type and page kind
 * by wire name (never by ordinal, so the enums can grow), target and step.
 */
public final class PatternEventSerializer extends TypeSerializerSingleton<PatternEvent> {

    public static final PatternEventSerializer INSTANCE = new PatternEventSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public PatternEvent createInstance() {
        return new PatternEvent();
    }

    @Override
    public PatternEvent copy(PatternEvent from) {
        return new PatternEvent(from.ts, from.type, from.pageKind, from.target, from.step);
    }

    @Override
    public PatternEvent copy(PatternEvent from, PatternEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PatternEvent e, DataOutputView out) throws IOException {
        out.writeLong(e.ts);
        StringValue.writeString(e.type == null ? null : e.type.wireName(), out);
        StringValue.writeString(e.pageKind == null ? null : e.pageKind.wireName(), out);
        StringValue.writeString(e.target, out);
        StringValue.writeString(e.step, out);
    }

    @Override
    public PatternEvent deserialize(DataInputView in) throws IOException {
        long ts = in.readLong();
        String type = StringValue.readString(in);
        String pageKind = StringValue.readString(in);
        return new PatternEvent(ts, type == null ? null : InteractionType.valueOf(type.toUpperCase(Locale.ROOT)),
                pageKind == null ? null : PageKind.valueOf(pageKind.toUpperCase(Locale.ROOT)),
                StringValue.readString(in), StringValue.readString(in));
    }

    @Override
    public PatternEvent deserialize(PatternEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<PatternEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PatternEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
