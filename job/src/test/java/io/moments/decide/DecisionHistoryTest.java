package io.moments.decide;

import io.moments.labels.LabelTrack;
import io.moments.models.Label;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-trigger and per-label memory is kept by name, so a trigger or label added in a later release
 * gets its own entry and a restored one keeps its meaning (no slot by position or enum ordinal).
 */
class DecisionHistoryTest {

    @Test
    void aTriggerUnknownToThisReleaseGetsItsOwnEntryAndShiftsNoOther() throws Exception {
        DecisionHistory h = new DecisionHistory();
        h.recordAct(1_000, new String[]{"checkout_pause"}, 3);
        DecisionHistory restored = roundTrip(h, DecisionHistory.class);
        // e.g. a compare_loop pattern added by the next release
        restored.recordAct(2_000, new String[]{"compare_loop", "label:delight"}, 3);
        restored = roundTrip(restored, DecisionHistory.class);
        assertThat(restored.lastAct("checkout_pause")).isEqualTo(1_000);
        assertThat(restored.lastAct("compare_loop")).isEqualTo(2_000);
        assertThat(restored.lastAct("label:delight")).isEqualTo(2_000);
        assertThat(restored.lastAct("rage_click")).isEqualTo(Long.MIN_VALUE);
        assertThat(restored.actsSince(0)).isEqualTo(2);
    }

    @Test
    void labelsAreDisarmedByNameAndSurviveARoundTrip() throws Exception {
        LabelTrack t = new LabelTrack();
        t.setArmed(Label.FRUSTRATION, false);
        t.conflictingLabels = new String[]{"price_sensitivity", "a_label_of_a_later_release"};
        LabelTrack restored = roundTrip(t, LabelTrack.class);
        assertThat(restored.armed(Label.FRUSTRATION)).isFalse();
        assertThat(restored.armed(Label.HESITATION)).isTrue();
        assertThat(restored.conflicting(Label.PRICE_SENSITIVITY)).isTrue();
        restored.setArmed(Label.FRUSTRATION, true);
        assertThat(restored.armed(Label.FRUSTRATION)).isTrue();
        assertThat(restored.disarmed).isEmpty();
    }

    /** Through Flink's own serializer for the type (a POJO serializer; Kryo is off in the job). */
    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        assertThat(serializer.getClass().getSimpleName()).isEqualTo("PojoSerializer");
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
