package io.moments.models.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The labelled utterance set and its four splits. */
final class Utterances {

    /** The data file, relative to the models module directory. */
    static final String DATA_FILE = "text/data/utterances.jsonl";

    /** The styles a line may be written in (data/README.md). */
    static final Set<String> STYLES = Set.of("plain", "typos", "lowercase", "chat_abbrev", "support_long", "review_long");

    /**
     * What a line is used for. Only {@code TRAIN} is trained on; {@code VALIDATION} only fits the
     * temperature; {@code HELD_OUT} (plain style, as the training data) and {@code HARD} (styles
     * the original data lacked, written apart from the training lines) only measure.
     */
    enum Split {
        TRAIN("train"), VALIDATION("validation"), HELD_OUT("held_out"), HARD("hard");

        private final String wireName;

        Split(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        static Split of(String wireName) {
            for (Split s : values()) {
                if (s.wireName.equals(wireName)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown split '" + wireName + "'");
        }
    }

    private Utterances() {}

    /** Reads and checks every line: known label, style and split, a non-blank text, unique ids. */
    static List<Utterance> read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Utterance> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = mapper.readTree(line);
            Utterance u = new Utterance(node.path("id").asText(), node.path("label").asText(),
                    node.path("channel").asText(), node.path("style").asText(),
                    Split.of(node.path("split").asText()), node.path("text").asText());
            TextClasses.indexOf(u.label()); // fails on an unknown label
            if (!STYLES.contains(u.style()) || u.text().isBlank() || !ids.add(u.id())) {
                throw new IOException(file + " line " + lineNo + ": unknown style, blank text or repeated id: " + line);
            }
            out.add(u);
        }
        return out;
    }

    /** The lines of one split, in file order. */
    static List<Utterance> of(List<Utterance> all, Split split) {
        return all.stream().filter(u -> u.split() == split).toList();
    }

    static String sha256Hex(String s) {
        return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
