package io.moments.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UtterancesTest {

    @Test
    void heldOutSplitIsStratifiedDeterministicAndOrderIndependent() throws Exception {
        List<Utterance> all = Utterances.read(Path.of(Utterances.DATA_FILE));
        assertThat(all).hasSize(936);
        Set<String> heldOut = Utterances.heldOutIds(all);
        List<Utterance> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(1));
        assertThat(Utterances.heldOutIds(shuffled)).isEqualTo(heldOut);

        Map<String, Long> perLabel = all.stream().filter(u -> heldOut.contains(u.id()))
                .collect(Collectors.groupingBy(Utterance::label, Collectors.counting()));
        assertThat(perLabel.keySet()).containsExactlyInAnyOrderElementsOf(TextClasses.names());
        perLabel.values().forEach(n -> assertThat(n).isBetween(25L, 29L)); // ~20% of ~134
        assertThat(heldOut.size()).isBetween(180, 200);
    }
}
