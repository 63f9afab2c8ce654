package io.moments.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UtterancesTest {

    private static final Path DATA = Path.of(Utterances.DATA_FILE);

    /**
     * The held-out lines of the original set were not picked by hand: within every label × channel
     * group they are the 20% (rounded) whose SHA-256 of {@code moments-text-heldout-v1:<id>} sorts first.
     */
    @Test
    void heldOutSplitIsTheHashRuleOverTheOriginalSet() throws Exception {
        List<Utterance> original = Utterances.read(DATA).stream()
                .filter(u -> u.split() == Utterances.Split.TRAIN || u.split() == Utterances.Split.HELD_OUT)
                .filter(u -> u.id().startsWith("u")).toList();
        assertThat(original).hasSize(936);
        Map<String, List<Utterance>> groups = new TreeMap<>();
        original.forEach(u -> groups.computeIfAbsent(u.label() + "/" + u.channel(), k -> new ArrayList<>()).add(u));
        Set<String> expected = new LinkedHashSet<>();
        for (List<Utterance> group : groups.values()) {
            List<Utterance> sorted = new ArrayList<>(group);
            sorted.sort(Comparator.comparing((Utterance u) -> sha256("moments-text-heldout-v1:" + u.id())).thenComparing(Utterance::id));
            sorted.stream().limit(Math.round(group.size() * 0.2)).forEach(u -> expected.add(u.id()));
        }
        Set<String> marked = original.stream().filter(u -> u.split() == Utterances.Split.HELD_OUT)
                .map(Utterance::id).collect(Collectors.toSet());
        assertThat(marked).isEqualTo(expected).hasSize(194);
    }

    /** Every split covers every class; the measured splits are large enough to mean something; no text repeats. */
    @Test
    void splitsCoverEveryClassAndNeverShareAText() throws Exception {
        List<Utterance> all = Utterances.read(DATA);
        for (Utterances.Split split : Utterances.Split.values()) {
            Map<String, Long> perClass = Utterances.of(all, split).stream()
                    .collect(Collectors.groupingBy(Utterance::label, Collectors.counting()));
            assertThat(perClass.keySet()).as(split.toString()).containsExactlyInAnyOrderElementsOf(TextClasses.names());
            perClass.values().forEach(n -> assertThat(n).as(split.toString()).isGreaterThanOrEqualTo(25L));
        }
        Set<String> texts = all.stream().map(u -> u.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip())
                .collect(Collectors.toSet());
        assertThat(texts).hasSize(all.size());
        assertThat(Utterances.of(all, Utterances.Split.HARD)).allMatch(u -> !u.style().equals("plain"));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
