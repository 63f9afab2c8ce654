package io.moments.models.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.models.Label;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline scoring of JSON lines: the engine of {@code ./moments score text --input F.jsonl --output G.jsonl}.
 *
 * <p>Every input line yields exactly one output line, in order. A line that is a JSON object with a
 * string {@code text} of 1..{@value #MAX_TEXT_CHARS} characters (not blank) keeps all its fields
 * and gains
 *
 * <ul>
 *   <li>{@code "scores"}: the probability of each of the 6 labels (0..1, 4 decimals). Neutral is
 *       not a label and is not listed: its probability is what the 6 leave to 1;
 *   <li>{@code "dominant"}: a label wire name, or {@code "neutral"} (see {@link TextScores#dominant()});
 *   <li>{@code "confidence"}: the top-class probability (see {@link TextScores#confidence()}).
 * </ul>
 *
 * Any other line gets an {@code "error"} instead, and the run goes on: {@code not_json} (not JSON,
 * trailing garbage, duplicate keys, NaN, empty line; output {@code {"line": n, "error": "not_json"}}),
 * {@code too_large} (line over {@value #MAX_LINE_CHARS} characters; same shape), {@code not_object}
 * (same shape), {@code
 * missing_text}, {@code invalid_text} (text is not a string), {@code empty_text} (blank), {@code
 * text_too_long} (over {@value #MAX_TEXT_CHARS} characters). JSON objects with an error keep
 * their fields. Input fields named {@code scores}, {@code dominant}, {@code confidence} or {@code
 * error} are overwritten. Numbers pass through exactly (no float rounding).
 */
public final class TextScoring {

    /** Longest accepted text, as in the job's {@code text/v1} contract. */
    public static final int MAX_TEXT_CHARS = 4000;
    /** Longest accepted line (1 MiB, as the job's parser). */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Counts of one run. */
    public record Summary(long lines, long scored, long errors) {}

    private TextScoring() {}

    /** Loads the model (1 thread), scores {@code in} into {@code out} (UTF-8), and closes the model. */
    public static Summary scoreJsonLines(Path in, Path out) throws IOException {
        try (TextEmotionModel model = TextEmotionModel.load();
                TextEmotionPredictor predictor = model.newPredictor()) {
            return scoreJsonLines(predictor, in, out);
        }
    }

    /** Scores {@code in} into {@code out} (UTF-8) with an existing predictor. */
    public static Summary scoreJsonLines(TextEmotionPredictor predictor, Path in, Path out) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(in), decoder));
                BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            return scoreJsonLines(predictor, reader, writer);
        }
    }

    /** Scores every line of {@code reader} into {@code writer}; batches of {@link TextEmotionModel#MAX_BATCH}. */
    public static Summary scoreJsonLines(TextEmotionPredictor predictor, BufferedReader reader, Writer writer)
            throws IOException {
        List<ObjectNode> pending = new ArrayList<>();  // output records in input order
        List<ObjectNode> toScore = new ArrayList<>();  // the subset waiting for scores
        List<String> texts = new ArrayList<>();
        long lines = 0;
        long scored = 0;
        long errors = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lines++;
            ObjectNode record = parse(line, lines);
            pending.add(record);
            if (record.has("error")) {
                errors++;
            } else {
                toScore.add(record);
                texts.add(record.get("text").textValue());
                scored++;
            }
            if (toScore.size() >= TextEmotionModel.MAX_BATCH) {
                flush(predictor, pending, toScore, texts, writer);
            }
        }
        flush(predictor, pending, toScore, texts, writer);
        writer.flush();
        return new Summary(lines, scored, errors);
    }

    private static ObjectNode parse(String line, long lineNumber) {
        if (line.length() > MAX_LINE_CHARS) {
            return lineError(lineNumber, "too_large");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return lineError(lineNumber, "not_json");
        }
        if (node == null || node.isMissingNode()) {
            return lineError(lineNumber, "not_json");
        }
        if (!node.isObject()) {
            return lineError(lineNumber, "not_object");
        }
        ObjectNode record = (ObjectNode) node;
        JsonNode text = record.get("text");
        String error = null;
        if (text == null || text.isNull()) {
            error = "missing_text";
        } else if (!text.isTextual()) {
            error = "invalid_text";
        } else if (text.textValue().isBlank()) {
            error = "empty_text";
        } else if (text.textValue().length() > MAX_TEXT_CHARS) {
            error = "text_too_long";
        }
        if (error != null) {
            record.remove(List.of("scores", "dominant", "confidence"));
            record.put("error", error);
        } else {
            record.remove("error");
        }
        return record;
    }

    private static ObjectNode lineError(long lineNumber, String error) {
        ObjectNode record = MAPPER.createObjectNode();
        record.put("line", lineNumber);
        record.put("error", error);
        return record;
    }

    private static void flush(TextEmotionPredictor predictor, List<ObjectNode> pending, List<ObjectNode> toScore,
            List<String> texts, Writer writer) throws IOException {
        if (!texts.isEmpty()) {
            List<TextScores> scores = predictor.score(texts);
            for (int i = 0; i < scores.size(); i++) {
                TextScores s = scores.get(i);
                ObjectNode record = toScore.get(i);
                ObjectNode labels = record.putObject("scores");
                for (Label label : Label.values()) {
                    labels.put(label.wireName(), round(s.get(label)));
                }
                record.put("dominant", s.dominant());
                record.put("confidence", round(s.confidence()));
            }
        }
        for (ObjectNode record : pending) {
            writer.write(MAPPER.writeValueAsString(record));
            writer.write('\n');
        }
        pending.clear();
        toScore.clear();
        texts.clear();
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
