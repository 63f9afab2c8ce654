package io.moments.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextAugmenterTest {

    private static Utterance line(String id, String text) {
        return new Utterance(id, "frustration", "chat", "plain", Utterances.Split.TRAIN, text);
    }

    @Test
    void eachKindRewritesAsShoppersType() {
        assertThat(TextAugmenter.lowercase("I'm SO annoyed, the payment failed again!")).isEqualTo("im so annoyed the payment failed again");
        assertThat(TextAugmenter.abbreviate("Thank you, please tell me because I don't know right now"))
                .isEqualTo("ty, pls tell me cuz idk rn");
        assertThat(TextAugmenter.abbreviate("Yours truly")).as("whole words only").isEqualTo("Yours truly");
        String typo = TextAugmenter.typos("The checkout keeps failing", new Random(1));
        assertThat(typo).isNotEqualTo("The checkout keeps failing");
        assertThat(typo.split(" ")).hasSize(4);
        assertThat(Math.abs(typo.length() - "The checkout keeps failing".length())).isLessThanOrEqualTo(2);
    }

    @Test
    void copiesAreDeterministicKeepTheLabelAndSpreadOverTheKinds() {
        List<Utterance> lines = IntStream.range(0, 300)
                .mapToObj(i -> line("x" + i, "Your checkout really is broken, please fix it before tomorrow")).toList();
        List<Utterance> copies = TextAugmenter.augment(lines);
        assertThat(TextAugmenter.augment(lines)).isEqualTo(copies);
        assertThat(copies).hasSize(300).allMatch(u -> u.label().equals("frustration") && u.id().endsWith("~aug")
                && u.split() == Utterances.Split.TRAIN && u.style().startsWith("augmented:"));
        Map<TextAugmenter.Kind, Integer> kinds = new EnumMap<>(TextAugmenter.Kind.class);
        lines.forEach(u -> kinds.merge(TextAugmenter.kindOf(u.id()), 1, Integer::sum));
        kinds.values().forEach(n -> assertThat(n).isBetween(70, 130));
    }

    @Test
    void aCopyThatComesOutUnchangedIsSkipped() {
        String id = IntStream.range(0, 100).mapToObj(i -> "y" + i)
                .filter(i -> TextAugmenter.kindOf(i) == TextAugmenter.Kind.LOWERCASE).findFirst().orElseThrow();
        assertThat(TextAugmenter.augment(List.of(line(id, "already lower case")))).isEmpty();
    }
}
