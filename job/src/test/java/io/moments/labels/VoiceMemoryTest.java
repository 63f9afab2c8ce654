package io.moments.labels;

import io.moments.models.Label;
import io.moments.models.Signal;
import io.moments.models.voice.Feature;
import io.moments.models.voice.ProsodySample;
import io.moments.models.voice.VoiceAnalyzer;
import io.moments.models.voice.VoiceBaseline;
import io.moments.testing.Prosody;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The session stage's voice baseline: step 2 of the voice model against the session's own history. */
class VoiceMemoryTest {

    private static final long T0 = 1_700_000_000_000L;

    private static ProsodySample chunk(double pitchSt, long leadingMs, long trailingMs) {
        return Prosody.chunk(pitchSt, leadingMs, trailingMs);
    }

    @Test
    void theSessionsOwnVoiceBecomesItsUsualAndAHigherVoiceThanItsUsualScoresHigher() {
        VoiceMemory high = new VoiceMemory();
        VoiceMemory low = new VoiceMemory();
        Signal firstHigh = high.score(chunk(17, 50, 50), T0);
        Signal firstLow = low.score(chunk(-3, 50, 50), T0);
        // the first chunk is measured against the population: the high voice sounds aroused
        assertThat(firstHigh.scores().frustration()).isGreaterThan(firstLow.scores().frustration() + 0.3);
        Signal usualHigh = null;
        Signal usualLow = null;
        for (int i = 1; i < 8; i++) {
            usualHigh = high.score(chunk(17, 50, 50), T0 + i * 1000);
            usualLow = low.score(chunk(-3, 50, 50), T0 + i * 1000);
        }
        assertThat(usualHigh.scores().frustration()).isCloseTo(usualLow.scores().frustration(), within(0.02));
        // the same speaker, three semitones above their usual
        Signal raised = low.score(chunk(0, 50, 50), T0 + 8000);
        assertThat(raised.scores().frustration()).isGreaterThan(usualLow.scores().frustration() + 0.2);
        assertThat(low.chunks).isEqualTo(9);
        assertThat(low.pitchSt.count()).isEqualTo(9);
    }

    @Test
    void frustrationCarriesHalfTheConfidenceOfHesitation() {
        VoiceMemory m = new VoiceMemory();
        Signal s = m.score(chunk(5, 50, 50), T0);
        assertThat(s.measures(Label.FRUSTRATION)).isTrue();
        assertThat(s.confidence(Label.HESITATION)).isPositive().isEqualTo(s.confidence());
        assertThat(s.confidence(Label.FRUSTRATION)).isEqualTo(s.confidence() * VoiceAnalyzer.FRUSTRATION_CONFIDENCE);
    }

    @Test
    void silenceCarriesIntoTheNextChunkOnlyWhenItJoinsOn() {
        // 200 ms of silence ends one chunk, 200 ms begins the next: one 400 ms pause when they join on
        VoiceMemory joined = new VoiceMemory();
        joined.score(chunk(5, 0, 200), T0);
        joined.score(chunk(5, 200, 0), T0 + 1000);
        assertThat(joined.pauseRatio.mean()).isGreaterThan(0.1);

        VoiceMemory gap = new VoiceMemory();
        gap.score(chunk(5, 0, 200), T0);
        gap.score(chunk(5, 200, 0), T0 + 6000); // five seconds of nothing sent between them
        assertThat(gap.pauseRatio.mean()).isZero();

        VoiceMemory late = new VoiceMemory();
        late.score(chunk(5, 0, 200), T0 + 1000);
        late.score(chunk(5, 200, 0), T0); // arrives after the chunk that follows it
        assertThat(late.pauseRatio.mean()).isZero();

        VoiceMemory jitter = new VoiceMemory();
        jitter.score(chunk(5, 0, 200), T0);
        jitter.score(chunk(5, 200, 0), T0 + 1000 + VoiceMemory.JOIN_TOLERANCE_MS);
        assertThat(jitter.pauseRatio.mean()).isGreaterThan(0.1);
    }

    @Test
    void theStateHoldsTheBaselineByFeatureNameAndRebuildsItExactly() {
        VoiceMemory m = new VoiceMemory();
        VoiceBaseline direct = VoiceBaseline.empty();
        for (int i = 0; i < 5; i++) {
            ProsodySample c = chunk(4 + i * 0.5, 100, 100 + i);
            direct = VoiceAnalyzer.score(c, direct).baseline();
            m.score(c, T0 + i * 1000);
        }
        assertThat(m.baseline(T0 + 5000)).isEqualTo(direct);
        assertThat(m.baseline(T0 + 9000)).as("after a gap").isEqualTo(direct.withoutCarriedSilence());
        for (Feature f : Feature.values()) {
            assertThat(direct.count(f)).as(f.wireName()).isEqualTo(5);
        }
    }

    @Test
    void aFeatureMissingFromARestoredStateStartsWithNoHistory() {
        VoiceMemory m = new VoiceMemory();
        m.score(chunk(5, 50, 50), T0);
        m.pitchSdSt = null; // as a POJO field added after the savepoint restores
        Signal s = m.score(chunk(5, 50, 50), T0 + 1000);
        assertThat(s.confidence()).isPositive();
        assertThat(m.pitchSdSt.count()).isEqualTo(1);
        assertThat(m.pitchSt.count()).isEqualTo(2);
    }

    @Test
    void itIsAFlinkPojoOfNamedFieldsNeverKryo() {
        TypeInformation<VoiceMemory> info = TypeInformation.of(VoiceMemory.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<VoiceMemory> pojo = (PojoTypeInfo<VoiceMemory>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getPojoFieldAt(i).getTypeInformation().getClass().getSimpleName())
                    .as(pojo.getPojoFieldAt(i).getField().getName()).isNotEqualTo("GenericTypeInfo");
        }
        assertThat(pojo.getFieldIndex("pitchSt")).isNotNegative();
        assertThat(TypeInformation.of(VoiceMemory.Stats.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
