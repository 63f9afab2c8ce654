package io.moments.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one noisy copy of a training line, the way shoppers actually type: misspelt words, all
 * lower case without punctuation, or chat abbreviations. Deterministic: the kind and the edits
 * depend only on the line's id, so a re-training sees the same copies. Only the training split is
 * augmented; the hard split is written by hand in these styles and never trained on.
 */
final class TextAugmenter {

    /** The three kinds of noise, chosen per line by the hash of its id. */
    enum Kind { TYPOS, LOWERCASE, CHAT_ABBREV }

    /** Whole-phrase chat abbreviations, longest first so "thank you" wins over "you". */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("i don't know", "idk"), Map.entry("to be honest", "tbh"), Map.entry("right now", "rn"),
            Map.entry("thank you", "ty"), Map.entry("by the way", "btw"), Map.entry("as soon as possible", "asap"),
            Map.entry("please", "pls"), Map.entry("thanks", "thx"), Map.entry("because", "cuz"),
            Map.entry("really", "rly"), Map.entry("you", "u"), Map.entry("your", "ur"), Map.entry("are", "r"),
            Map.entry("before", "b4"), Map.entry("okay", "ok"), Map.entry("something", "smth"),
            Map.entry("probably", "prob"), Map.entry("people", "ppl"), Map.entry("message", "msg"));
    private static final Pattern ABBREVIABLE = Pattern.compile("\\b(" + String.join("|", ABBREVIATIONS.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).toList()) + ")\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[A-Za-z']{4,}");

    private TextAugmenter() {}

    /** The kind of noise this line gets. */
    static Kind kindOf(String id) {
        return Kind.values()[Math.floorMod(seed(id), Kind.values().length)];
    }

    /** One noisy copy of each line (id suffixed {@code ~aug}), skipping copies that came out unchanged. */
    static List<Utterance> augment(List<Utterance> lines) {
        List<Utterance> out = new ArrayList<>(lines.size());
        for (Utterance u : lines) {
            Kind kind = kindOf(u.id());
            String text = rewrite(u.text(), kind, new Random(seed(u.id())));
            if (!text.equals(u.text())) {
                out.add(u.rewritten("~aug", "augmented:" + kind.name().toLowerCase(Locale.ROOT), text));
            }
        }
        return out;
    }

    static String rewrite(String text, Kind kind, Random random) {
        return switch (kind) {
            case TYPOS -> typos(text, random);
            case LOWERCASE -> lowercase(text);
            case CHAT_ABBREV -> lowercase(abbreviate(text));
        };
    }

    /** One or two misspellings in words of 4+ letters: adjacent letters swapped, one dropped or doubled, apostrophe lost. */
    static String typos(String text, Random random) {
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        if (words.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        int edits = Math.min(words.size(), 1 + random.nextInt(2));
        // edit from the right so earlier offsets stay valid
        List<int[]> chosen = new ArrayList<>();
        while (chosen.size() < edits) {
            int[] w = words.get(random.nextInt(words.size()));
            if (!chosen.contains(w)) {
                chosen.add(w);
            }
        }
        chosen.sort((a, b) -> b[0] - a[0]);
        for (int[] w : chosen) {
            String word = sb.substring(w[0], w[1]);
            sb.replace(w[0], w[1], misspell(word, random));
        }
        return sb.toString();
    }

    private static String misspell(String word, Random random) {
        int apostrophe = word.indexOf('\'');
        if (apostrophe >= 0) {
            return word.substring(0, apostrophe) + word.substring(apostrophe + 1);
        }
        int i = 1 + random.nextInt(word.length() - 2); // never the first or last letter
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
            case 1 -> word.substring(0, i) + word.substring(i + 1);
            default -> word.substring(0, i + 1) + word.charAt(i) + word.substring(i + 1);
        };
    }

    /** Lower case, no apostrophes, no sentence punctuation, single spaces. */
    static String lowercase(String text) {
        return text.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[.,!?;:]+(\\s|$)", "$1")
                .replaceAll("\\s+", " ").strip();
    }

    /** Replaces whole words and phrases by their chat abbreviations. */
    static String abbreviate(String text) {
        Matcher m = ABBREVIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, ABBREVIATIONS.get(m.group(1).toLowerCase(Locale.ROOT)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static long seed(String id) {
        return Utterances.sha256Hex("moments-text-augment-v1:" + id).hashCode();
    }
}
