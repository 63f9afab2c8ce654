package io.moments.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.models.Label;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextScoringTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> score(List<String> lines) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.write(in, lines, StandardCharsets.UTF_8);
        TextScoring.Summary summary;
        try (TextEmotionPredictor predictor = SharedTextModel.get().newPredictor()) {
            summary = TextScoring.scoreJsonLines(predictor, in, out);
        }
        List<String> output = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(output).hasSize(lines.size());
        assertThat(summary.lines()).isEqualTo(lines.size());
        assertThat(summary.scored() + summary.errors()).isEqualTo(lines.size());
        return output;
    }

    @Test
    void addsScoresDominantAndConfidenceAndPassesOtherFieldsThrough() throws Exception {
        List<String> out = score(List.of(
                "{\"eventId\":\"e1\",\"sessionId\":\"s1\",\"text\":\"Is this shop legit? I'm worried it's a scam.\","
                        + "\"meta\":{\"n\":[1,2.50,1e3],\"big\":12345678901234567890123,\"price\":0.1},\"flag\":null}",
                "{\"text\":\"How long is the garden hose when fully extended?\",\"channel\":\"chat\"}"));
        JsonNode first = MAPPER.readTree(out.get(0));
        assertThat(first.get("eventId").asText()).isEqualTo("e1");
        assertThat(first.get("sessionId").asText()).isEqualTo("s1");
        assertThat(first.get("flag").isNull()).isTrue();
        assertThat(out.get(0)).contains("\"meta\":{\"n\":[1,2.50,1E+3],\"big\":12345678901234567890123,\"price\":0.1}");
        assertThat(first.has("error")).isFalse();
        assertThat(first.get("dominant").asText()).isEqualTo("trust_concern");
        JsonNode scores = first.get("scores");
        assertThat(scores.size()).isEqualTo(6);
        double sum = 0;
        for (Label label : Label.values()) {
            double v = scores.get(label.wireName()).asDouble();
            assertThat(v).isBetween(0.0, 1.0);
            sum += v;
        }
        assertThat(sum).isLessThanOrEqualTo(1.0001);
        assertThat(first.get("confidence").asDouble()).isEqualTo(scores.get("trust_concern").asDouble());
        JsonNode second = MAPPER.readTree(out.get(1));
        assertThat(second.get("channel").asText()).isEqualTo("chat");
        assertThat(second.get("dominant").asText()).isEqualTo("neutral");
        assertThat(second.get("scores").has("neutral")).isFalse();
    }

    @Test
    void badLinesGetAnErrorAndDoNotStopTheRun() throws Exception {
        List<String> out = score(List.of(
                "not json at all",
                "",
                "{\"text\":\"fine\"} trailing",
                "[1,2,3]",
                "{\"id\":7}",
                "{\"id\":8,\"text\":42}",
                "{\"id\":9,\"text\":\"   \"}",
                "{\"id\":10,\"text\":\"" + "a".repeat(TextScoring.MAX_TEXT_CHARS + 1) + "\"}",
                "{\"id\":11,\"text\":\"" + "b ".repeat(TextScoring.MAX_TEXT_CHARS / 2) + "\"}",
                "{\"text\":\"a\",\"text\":\"b\"}",
                "{\"id\":12,\"text\":null,\"scores\":{\"x\":1}}",
                "{\"text\":\"I love it, thank you so much!\",\"error\":\"stale\"}",
                "{\"text\":\"ok\",\"v\":NaN}"));
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out) {
            nodes.add(MAPPER.readTree(line));
        }
        assertThat(nodes.get(0).get("error").asText()).isEqualTo("not_json");
        assertThat(nodes.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(nodes.get(1).get("error").asText()).isEqualTo("not_json");
        assertThat(nodes.get(2).get("error").asText()).isEqualTo("not_json");
        assertThat(nodes.get(3).get("error").asText()).isEqualTo("not_object");
        assertThat(nodes.get(4).get("error").asText()).isEqualTo("missing_text");
        assertThat(nodes.get(4).get("id").asInt()).isEqualTo(7);
        assertThat(nodes.get(5).get("error").asText()).isEqualTo("invalid_text");
        assertThat(nodes.get(6).get("error").asText()).isEqualTo("empty_text");
        assertThat(nodes.get(7).get("error").asText()).isEqualTo("text_too_long");
        assertThat(nodes.get(7).has("scores")).isFalse();
        assertThat(nodes.get(8).has("error")).isFalse();            // exactly 4000 chars is fine
        assertThat(nodes.get(8).has("dominant")).isTrue();
        assertThat(nodes.get(9).get("error").asText()).isEqualTo("not_json"); // duplicate key
        assertThat(nodes.get(10).get("error").asText()).isEqualTo("missing_text");
        assertThat(nodes.get(10).has("scores")).isFalse();
        assertThat(nodes.get(11).has("error")).isFalse();
        assertThat(nodes.get(11).get("dominant").asText()).isEqualTo("delight");
        assertThat(nodes.get(12).get("error").asText()).isEqualTo("not_json");
        assertThat(nodes.get(3).has("line")).isTrue();
    }

    @Test
    void manyLinesAreScoredInOrderAcrossBatches() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            lines.add(i % 10 == 3 ? "{broken" : "{\"n\":" + i + ",\"text\":\"" + (i % 2 == 0
                    ? "this is far too expensive, any coupon?" : "where is the size guide, I can't find it") + "\"}");
        }
        List<String> out = score(lines);
        for (int i = 0; i < 70; i++) {
            JsonNode node = MAPPER.readTree(out.get(i));
            if (i % 10 == 3) {
                assertThat(node.get("line").asInt()).isEqualTo(i + 1);
            } else {
                assertThat(node.get("n").asInt()).isEqualTo(i);
                assertThat(node.get("dominant").asText()).isEqualTo(i % 2 == 0 ? "price_sensitivity" : "confusion");
            }
        }
    }
}
