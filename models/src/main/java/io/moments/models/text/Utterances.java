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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The labelled utterance set and its deterministic held-out split. */
final class Utterances {

    /** The data file, relative to the models module directory. */
    static final String DATA_FILE = "text/data/utterances.jsonl";

    /** Salt of the split hash; changing it changes the held-out set. */
    static final String SPLIT_SALT = "moments-text-heldout-v1";

    /** Share of every (label, channel) group that is held out. */
    static final double HELD_OUT_FRACTION = 0.2;

    private Utterances() {}

    static List<Utterance> read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Utterance> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = mapper.readTree(line);
            Utterance u = new Utterance(node.path("id").asText(), node.path("label").asText(),
                    node.path("channel").asText(), node.path("text").asText());
            TextClasses.indexOf(u.label()); // fails on an unknown label
            out.add(u);
        }
        return out;
    }

    /**
     * The held-out ids: within every (label, channel) group, the {@link #HELD_OUT_FRACTION} share
     * (rounded) of utterances whose SHA-256 of {@code SPLIT_SALT + ":" + id} sorts first. Depends
     * only on ids, labels and channels, so it is stable across runs and machines, stratified by label
     * and channel, and unaffected by the order of the file.
     */
    static Set<String> heldOutIds(List<Utterance> all) {
        Map<String, List<Utterance>> groups = new TreeMap<>();
        for (Utterance u : all) {
            groups.computeIfAbsent(u.label() + "/" + u.channel(), k -> new ArrayList<>()).add(u);
        }
        Set<String> heldOut = new LinkedHashSet<>();
        for (List<Utterance> group : groups.values()) {
            group.sort(Comparator.comparing((Utterance u) -> sha256Hex(SPLIT_SALT + ":" + u.id()))
                    .thenComparing(Utterance::id));
            long n = Math.round(group.size() * HELD_OUT_FRACTION);
            for (int i = 0; i < n; i++) {
                heldOut.add(group.get(i).id());
            }
        }
        return heldOut;
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
