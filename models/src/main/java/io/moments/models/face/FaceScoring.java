package io.moments.models.face;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.models.Label;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline scoring of image files, for {@code ./moments score image FILE...}: one JSON line per
 * file, in argument order:
 *
 * <pre>{"file":"a.jpg","faces":[{"box":[x,y,w,h],"score":0.81,"expressions":{"neutral":..,"happy":..,
 * "sad":..,"angry":..,"fearful":..,"disgusted":..,"surprised":..},"labels":{"hesitation":..,...},
 * "confidence":0.7}]}</pre>
 *
 * {@code faces} is empty when no face is found. A file that cannot be read or is not a valid JPEG
 * gets {@code {"file":..,"faces":[],"error":"<reason>: <message>"}} (reason one of
 * {@code unreadable}, {@code empty}, {@code not_jpeg}, {@code corrupt_jpeg}, {@code bad_dimensions})
 * and scoring goes on with the next file. Numbers are rounded to 4 decimals.
 */
public final class FaceScoring {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaceScoring() {
    }

    /**
     * Scores {@code files} with a fresh {@link FaceAnalyzer} (closed afterwards).
     *
     * @return the number of files that got an {@code error} (use it for the exit status)
     */
    public static int scoreImages(List<Path> files, PrintStream out) {
        try (FaceAnalyzer analyzer = new FaceAnalyzer()) {
            return scoreImages(analyzer, files, out);
        }
    }

    /** Scores {@code files} with an existing analyzer; returns the number of files with an error. */
    public static int scoreImages(FaceAnalyzer analyzer, List<Path> files, PrintStream out) {
        int errors = 0;
        for (Path file : files) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", file.toString());
            try {
                byte[] bytes = Files.readAllBytes(file);
                line.put("faces", faces(analyzer.analyze(bytes)));
            } catch (IOException e) {
                errors++;
                line.put("faces", List.of());
                line.put("error", "unreadable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InvalidImageException e) {
                errors++;
                line.put("faces", List.of());
                line.put("error", e.reason().code() + ": " + e.getMessage());
            }
            out.println(toJson(line));
        }
        out.flush();
        return errors;
    }

    /** The JSON shape of a list of faces (also used by the job for its own records). */
    public static List<Map<String, Object>> faces(List<FaceResult> faces) {
        List<Map<String, Object>> out = new ArrayList<>(faces.size());
        for (FaceResult f : faces) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("box", f.box().toArray());
            face.put("score", round(f.score()));
            Map<String, Object> expressions = new LinkedHashMap<>();
            for (Expression e : Expression.values()) {
                expressions.put(e.wireName(), round(f.probability(e)));
            }
            face.put("expressions", expressions);
            Map<String, Object> labels = new LinkedHashMap<>();
            for (Map.Entry<Label, Double> l : f.labels().entrySet()) {
                labels.put(l.getKey().wireName(), round(l.getValue()));
            }
            face.put("labels", labels);
            face.put("confidence", round(f.confidence()));
            out.add(face);
        }
        return out;
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static double round(double v) {
        return Math.round(v * 10_000d) / 10_000d;
    }
}
