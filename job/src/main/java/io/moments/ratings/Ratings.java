package io.moments.ratings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.moments.config.ContractSchema;
import io.moments.models.Label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code rating/v1} JSON-lines file ({@code contracts/rating.v1.schema.json}): every line is
 * validated against the schema; all problems are reported at once, each with its line number. Blank
 * lines are skipped.
 */
public final class Ratings {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Ratings() {}

    public static List<Rating> read(Path file) throws IOException, InvalidInputException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** @param name the file's name, for the problems */
    public static List<Rating> parse(List<String> lines, String name) throws InvalidInputException {
        List<Rating> ratings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                problems.add(name + " line " + line + ": not JSON: " + e.getOriginalMessage());
                continue;
            }
            List<String> invalid = Holder.SCHEMA.problems(node);
            if (!invalid.isEmpty()) {
                for (String p : invalid) {
                    problems.add(name + " line " + line + ": " + p);
                }
                continue;
            }
            Map<Label, Double> labels = new EnumMap<>(Label.class);
            node.get("labels").fields().forEachRemaining(f ->
                    labels.put(Label.fromWireName(f.getKey()), f.getValue().asDouble()));
            String rater = node.hasNonNull("rater") ? node.get("rater").asText() : null;
            Rating r = new Rating(line, node.get("sessionId").asText(), node.get("eventId").asText(), rater,
                    Collections.unmodifiableMap(labels));
            String key = r.sessionId() + "\u0000" + r.eventId() + "\u0000" + (rater == null ? "" : rater);
            Integer earlier = seen.putIfAbsent(key, line);
            if (earlier != null) {
                problems.add(name + " line " + line + ": event " + r.eventId() + " of session " + r.sessionId()
                        + " is already rated" + (rater == null ? "" : " by " + rater) + " on line " + earlier);
                continue;
            }
            ratings.add(r);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (ratings.isEmpty()) {
            throw new InvalidInputException(List.of(name + ": no ratings"));
        }
        return ratings;
    }

    private static final class Holder {
        static final ContractSchema SCHEMA = ContractSchema.load("rating.v1.schema.json", "the rating");
    }
}
