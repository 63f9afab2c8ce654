package io.moments.models.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceScoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private VoiceAnalyzer analyzer;

    @TempDir
    Path tmp;

    @BeforeAll
    void load() {
        Fixtures.ensureTmpDir();
        analyzer = new VoiceAnalyzer();
    }

    @AfterAll
    void close() {
        analyzer.close();
    }

    private JsonNode score(Path wav) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VoiceScoring.scoreWav(wav, new PrintStream(bytes, true, StandardCharsets.UTF_8), analyzer);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.strip()).doesNotContain("\n");
        return JSON.readTree(out);
    }

    @Test
    void printsOneJsonLineWithSegmentsAndLabels() throws IOException {
        JsonNode r = score(Fixtures.wav("hesitant"));
        assertThat(r.get("file").asText()).isEqualTo("hesitant.wav");
        assertThat(r.get("durationMs").asLong()).isBetween(14000L, 14100L);
        assertThat(r.get("segments").size()).isGreaterThanOrEqualTo(6);
        JsonNode first = r.get("segments").get(0);
        assertThat(first.get("endMs").asLong()).isGreaterThan(first.get("startMs").asLong());
        assertThat(r.get("labels").get("hesitation").asDouble()).isGreaterThan(0.6);
        assertThat(r.get("labels").has("frustration")).isTrue();
        assertThat(r.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.get("chunks").size()).isEqualTo(4); // 4 s chunks
        assertThat(r.get("chunks").get(0).get("features").has("syllable_rate")).isTrue();

        JsonNode fluent = score(Fixtures.wav("fluent"));
        assertThat(fluent.get("labels").get("hesitation").asDouble())
                .isLessThan(r.get("labels").get("hesitation").asDouble());
    }

    @Test
    void otherRatesChannelsAndSampleSizesAreConvertedTo16kMono() throws IOException {
        float[] speech = Fixtures.samples("fluent");
        JsonNode reference = score(Fixtures.wav("fluent"));

        // 22.05 kHz stereo 16-bit, and 48 kHz mono 24-bit
        float[] at22k = WavAudio.resample(speech, 16000, 22050);
        Path stereo = write(tmp.resolve("stereo22k.wav"), at22k, 22050, 2, 16);
        Path hiRes = write(tmp.resolve("mono48k24.wav"), WavAudio.resample(speech, 16000, 48000), 48000, 1, 24);
        for (Path p : List.of(stereo, hiRes)) {
            JsonNode r = score(p);
            assertThat(r.get("durationMs").asLong()).isCloseTo(reference.get("durationMs").asLong(), within(5L));
            assertThat(r.get("speechMs").asLong()).isCloseTo(reference.get("speechMs").asLong(), within(300L));
            assertThat(r.get("labels").get("hesitation").asDouble())
                    .isCloseTo(reference.get("labels").get("hesitation").asDouble(), within(0.1));
        }
    }

    @Test
    void resamplingKeepsPitch() {
        float[] at44k = new float[44100];
        for (int i = 0; i < at44k.length; i++) {
            at44k[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / 44100.0));
        }
        float[] at16k = WavAudio.resample(at44k, 44100, 16000);
        assertThat(at16k.length).isEqualTo(16000);
        assertThat(PitchTracker.estimate(at16k, 4000)).isCloseTo(200, within(1.0));
    }

    @Test
    void aFileThatIsNotAWavIsRefused() throws IOException {
        Path notWav = Files.writeString(tmp.resolve("x.wav"), "hello, not audio");
        assertThatThrownBy(() -> score(notWav))
                .isInstanceOfSatisfying(InvalidAudioException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAudioException.Reason.UNSUPPORTED_FORMAT));
    }

    private static Path write(Path file, float[] mono, int rate, int channels, int bits) throws IOException {
        int bytesPerSample = bits / 8;
        byte[] data = new byte[mono.length * channels * bytesPerSample];
        int o = 0;
        for (float v : mono) {
            long s = Math.round(Math.max(-1, Math.min(1, v)) * ((1L << (bits - 1)) - 1));
            for (int c = 0; c < channels; c++) {
                for (int b = 0; b < bytesPerSample; b++) {
                    data[o++] = (byte) (s >> (8 * b));
                }
            }
        }
        AudioFormat format = new AudioFormat(rate, bits, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format, mono.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
