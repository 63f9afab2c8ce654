package io.moments.models;

import io.moments.models.EmotionModel.Scored;
import io.moments.models.face.FaceModel;
import io.moments.models.text.TextModel;
import io.moments.models.voice.Pcm16;
import io.moments.models.voice.VoiceModel;
import io.moments.models.voice.WavAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three real models behind the one interface: same signal type, their version, refusals in place. */
class EmotionModelTest {

    @BeforeAll
    static void tmpDir() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void textSignalsNameTheirModelAndMeasureEveryLabel() {
        try (TextModel model = TextModel.load()) {
            List<Scored> out = model.score(List.of("this is the third time my card was declined, so annoying",
                    "great, found exactly what I wanted"));
            assertThat(out).hasSize(2).allSatisfy(s -> assertSignal(model, s.signal()));
            assertThat(out.get(0).signal().measured()).isEqualTo(Signal.ALL_LABELS);
            assertThat(out.get(0).signal().scores().strongest()).isEqualTo(Label.FRUSTRATION);
            assertThat(out.get(1).signal().scores().strongest()).isEqualTo(Label.DELIGHT);
        }
    }

    @Test
    void faceRefusesABadFrameInPlaceAndKeepsTheOthers() throws IOException {
        byte[] face = Files.readAllBytes(Path.of("face", "testdata", "sample1.jpg"));
        byte[] noFace = Files.readAllBytes(Path.of("face", "testdata", "noface-gradient.jpg"));
        try (FaceModel model = FaceModel.load()) {
            List<Scored> out = model.score(List.of(face, "not a jpeg".getBytes(), noFace));
            assertThat(out).hasSize(3);
            assertSignal(model, out.get(0).signal());
            assertThat(out.get(0).signal().measured()).isEqualTo(Signal.bits(model.measures()));
            assertThat(out.get(0).signal().confidence()).isPositive();
            assertThat(out.get(0).signal().measures(Label.PRICE_SENSITIVITY)).isFalse();
            assertThat(out.get(1).signal()).isNull();
            assertThat(out.get(1).rejection()).startsWith("not_jpeg: ");
            assertSignal(model, out.get(2).signal());
            assertThat(out.get(2).signal().confidence()).isZero();
            assertThat(out.get(2).signal().measured()).isZero();
        }
    }

    @Test
    void voiceRefusesAnOddChunkInPlaceAndKeepsTheOthers() throws IOException {
        byte[] calm = Pcm16.encode(WavAudio.read(Path.of("voice", "testdata", "calm.wav")).samples());
        try (VoiceModel model = VoiceModel.load()) {
            List<Scored> out = model.score(List.of(new byte[3], calm));
            assertThat(out.get(0).signal()).isNull();
            assertThat(out.get(0).rejection()).startsWith("odd_length: ");
            assertSignal(model, out.get(1).signal());
            assertThat(out.get(1).signal().measured()).isEqualTo(Signal.bits(model.measures()));
            assertThat(out.get(1).signal().measures(Label.HESITATION)).isTrue();
            assertThat(out.get(1).signal().measures(Label.DELIGHT)).isFalse();
            // arousal cannot tell delight from frustration: frustration at half the chunk's confidence
            assertThat(out.get(1).signal().confidence(Label.HESITATION)).isPositive()
                    .isEqualTo(out.get(1).signal().confidence());
            assertThat(out.get(1).signal().confidence(Label.FRUSTRATION))
                    .isEqualTo(out.get(1).signal().confidence() * 0.5);
        }
    }

    @Test
    void voiceInTwoStepsMeasuresWithoutTheSessionAndScoresAgainstIt() throws IOException {
        byte[] calm = Pcm16.encode(WavAudio.read(Path.of("voice", "testdata", "calm_high.wav")).samples());
        byte[] second = java.util.Arrays.copyOfRange(calm, 32000, 64000);
        try (VoiceModel model = VoiceModel.load()) {
            List<VoiceModel.Extraction> out = model.extract(List.of(java.util.Arrays.copyOf(calm, 32000), new byte[0],
                    second));
            assertThat(out.get(1).sample()).isNull();
            assertThat(out.get(1).rejection()).startsWith("empty: ");
            VoiceModel.InSession first = VoiceModel.scoreInSession(out.get(0).sample(),
                    io.moments.models.voice.VoiceBaseline.empty());
            VoiceModel.InSession next = VoiceModel.scoreInSession(out.get(2).sample(), first.score().baseline());
            assertSignal(model, next.signal());
            assertThat(next.score().baseline().chunks()).isEqualTo(2);
            // the same chunk in a new session is measured against the population, not this high voice
            VoiceModel.InSession alone = VoiceModel.scoreInSession(out.get(2).sample(), null);
            double population = alone.score().normalised().get("pitch_st");
            assertThat(population).isGreaterThan(1.5);
            assertThat(Math.abs(next.score().normalised().get("pitch_st"))).isLessThan(population / 2);
            // history makes the chunk more trustworthy
            assertThat(next.signal().confidence()).isGreaterThan(alone.signal().confidence());
        }
    }

    @Test
    void decodeThenScoreKeepsEveryAnswerAtItsInputsPlaceAndScoresOnlyWhatDecoded() {
        Signal ok = new Signal(Modality.TEXT, LabelScores.ZERO, Signal.ALL_LABELS, 0.5, "m", "v");
        List<List<Integer>> batches = new java.util.ArrayList<>();
        List<Scored> out = Scored.decodeThenScore(List.of("1", "x", "3", "y"), s -> {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new EmotionModel.Refusal("not_a_number", "'" + s + "'");
            }
        }, decoded -> {
            batches.add(decoded);
            return decoded.stream().map(d -> ok).toList();
        });
        assertThat(batches).containsExactly(List.of(1, 3));
        assertThat(out).extracting(Scored::rejection).containsExactly(null, "not_a_number: 'x'", null, "not_a_number: 'y'");
        assertThat(out.get(0).signal()).isSameAs(ok);
        assertThat(out.get(2).signal()).isSameAs(ok);
        assertThat(Scored.decodeThenScore(List.of("z"), s -> {
            throw new EmotionModel.Refusal("bad", "z");
        }, decoded -> {
            throw new AssertionError("an empty batch is never scored");
        })).extracting(Scored::rejection).containsExactly("bad: z");
    }

    private static void assertSignal(EmotionModel<?> model, Signal s) {
        assertThat(s).isNotNull();
        assertThat(s.modality()).isEqualTo(model.modality());
        assertThat(s.model()).isEqualTo(model.name());
        assertThat(s.version()).isEqualTo(model.version()).matches("[0-9a-f]{12}");
        assertThat(s.confidence()).isBetween(0.0, 1.0);
        for (Label l : Label.values()) {
            assertThat(s.scores().get(l)).isBetween(0.0, 1.0);
            if (!s.measures(l)) {
                assertThat(s.scores().get(l)).as("unmeasured %s", l).isZero();
            }
        }
    }

    @Test
    void versionsDifferByWeightsAndAMissingFileIsAnError() {
        String face = ModelVersion.of("io/moments/models/face/face_expression_model.bin");
        assertThat(face).isEqualTo(ModelVersion.of("io/moments/models/face/face_expression_model.bin"))
                .isNotEqualTo(ModelVersion.of("io/moments/models/face/tiny_face_detector_model.bin"));
        assertThatThrownBy(() -> ModelVersion.of("io/moments/models/none.bin"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("none.bin");
    }
}
