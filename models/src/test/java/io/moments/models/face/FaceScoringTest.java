package io.moments.models.face;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON lines of {@code ./moments score image FILE...}. */
class FaceScoringTest {

    @Test
    void oneJsonLinePerFileWithFacesOrAnError(@TempDir Path tmp) throws Exception {
        byte[] jpeg = TestImages.bytes("sample3.jpg");
        Path truncated = tmp.resolve("truncated.jpg");
        Files.write(truncated, Arrays.copyOf(jpeg, jpeg.length / 2));
        Path missing = tmp.resolve("missing.jpg");
        List<Path> files = List.of(TestImages.path("sample3.jpg"), TestImages.path("noface-gradient.jpg"), truncated,
                missing);

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int errors = FaceScoring.scoreImages(files, new PrintStream(buf, true, StandardCharsets.UTF_8));

        assertThat(errors).isEqualTo(2);
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();

        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("file").asText()).endsWith("sample3.jpg");
        assertThat(first.has("error")).isFalse();
        assertThat(first.get("faces")).hasSize(3);
        JsonNode face = first.get("faces").get(0);
        assertThat(face.get("box")).hasSize(4);
        assertThat(face.get("score").asDouble()).isBetween(0.5, 1.0);
        List<String> names = List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised");
        assertThat(face.get("expressions").fieldNames()).toIterable().containsExactlyElementsOf(names);
        assertThat(face.get("labels").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("hesitation", "confusion", "frustration", "trust_concern", "delight");
        assertThat(face.get("confidence").asDouble()).isBetween(0.0, 1.0);

        JsonNode noFace = json.readTree(lines.get(1));
        assertThat(noFace.get("faces")).isEmpty();
        assertThat(noFace.has("error")).isFalse();

        JsonNode bad = json.readTree(lines.get(2));
        assertThat(bad.get("faces")).isEmpty();
        assertThat(bad.get("error").asText()).startsWith("corrupt_jpeg");

        assertThat(json.readTree(lines.get(3)).get("error").asText()).startsWith("unreadable");
    }
}
