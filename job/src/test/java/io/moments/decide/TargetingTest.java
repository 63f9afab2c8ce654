package io.moments.decide;

import io.moments.labels.LabelTrack;
import io.moments.labels.Moment;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.ingest.Consent;
import io.moments.privacy.TcfStrings;
import io.moments.sink.JsonCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TargetingTest {

    @Test
    void keyValuesFollowAdManagersRules() {
        Targeting t = Targeting.of(Moment.BUY, "Warm & Friendly (v2)!", new String[]{"urgency", "Scarcity", "urgency",
                "x".repeat(60)}, true, false);
        assertThat(t.tone()).isEqualTo("warm___friendly__v2__");
        assertThat(t.keyValues()).containsOnlyKeys("mm_moment", "mm_tone", "mm_suppress");
        assertThat(t.keyValues().get("mm_suppress")).containsExactly("urgency", "scarcity", "x".repeat(40));
        for (var kv : t.keyValues().entrySet()) {
            assertThat(kv.getKey()).hasSizeLessThanOrEqualTo(20).matches("[a-z_]+");
            kv.getValue().forEach(v -> assertThat(v).hasSizeBetween(1, 40).matches("[a-z0-9_-]+"));
        }
        assertThat(t.custParams()).isEqualTo("mm_moment=buy&mm_tone=warm___friendly__v2__&mm_suppress=urgency,scarcity,"
                + "x".repeat(40));
        assertThat(t.segments()).startsWith("mm_moment_buy", "mm_tone_warm___friendly__v2__", "mm_suppress_urgency");
    }

    @Test
    void nothingWhenNotAllowedOrHeldOutAndNoEmptyKeys() {
        assertThat(Targeting.of(Moment.KNOW, "calm", new String[0], false, false)).isNull();
        assertThat(Targeting.of(Moment.KNOW, "calm", new String[0], true, true)).isNull();
        Targeting bare = Targeting.of(Moment.KNOW, "!!!", new String[0], true, false);
        assertThat(bare.keyValues()).containsOnlyKeys("mm_moment");
        assertThat(bare.custParams()).isEqualTo("mm_moment=know");
    }

    @Test
    void aValueNamingAnEmotionLabelIsDroppedWhateverItsSpelling() {
        for (Label label : Label.values()) {
            String name = label.wireName();
            for (String spelling : List.of(name, name.toUpperCase(Locale.ROOT), name.replace('_', '-'), name.replace("_", " "),
                    "very_" + name + "_now")) {
                Targeting t = Targeting.of(Moment.DO, spelling, new String[]{spelling, "urgency"}, true, false);
                assertThat(t.tone()).as(spelling).isNull();
                assertThat(t.suppress()).as(spelling).containsExactly("urgency");
            }
        }
        for (String inflected : List.of("frustrated", "Confusing", "price-sensitive", "Trust Concerned", "hesitant",
                "delighted", "emotional", "label_x")) {
            assertThat(Targeting.of(Moment.DO, inflected, new String[0], true, false).tone()).as(inflected).isNull();
        }
    }

    /**
     * Under many random policies (tones and tactics named after labels, random label values and
     * confidences), no label name and no label value reaches an ad server: the policy validator
     * refuses label names, and targeting never carries numbers.
     */
    @Test
    void noLabelNameOrValueReachesTargetingUnderAnyPolicy() throws Exception {
        Random random = new Random(7);
        String base = Policy.defaultPolicy().json();
        List<String> vocabulary = new ArrayList<>(List.of("calm", "value", "bold", "soft", "urgent-ish", "Reassure!"));
        for (Label label : Label.values()) {
            vocabulary.add(label.wireName());
            vocabulary.add(label.wireName().toUpperCase(Locale.ROOT) + "_tone");
        }
        Consent consent = new Consent(TcfStrings.withPurposes(1, 3, 4, 5, 6), false, false);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            String tone = vocabulary.get(random.nextInt(vocabulary.size()));
            String tactic = vocabulary.get(random.nextInt(vocabulary.size()));
            String json = base.replace("\"adTone\":\"reassuring\"", "\"adTone\":\"" + tone + "\"")
                    .replace("\"countdown\"]", "\"countdown\",\"" + tactic.replace("!", "") + "\"]");
            Policy p;
            try {
                p = Policy.parse(json);
                accepted++;
            } catch (Policy.InvalidPolicyException e) {
                assertThat(e.getMessage()).contains("names an emotion label");
                refused++;
                continue;
            }
            LabelTrack track = new LabelTrack();
            track.values = new LabelScores(random.nextDouble(), random.nextDouble(), random.nextDouble(),
                    random.nextDouble(), random.nextDouble(), random.nextDouble());
            track.confidence = track.values;
            String[] triggers = {"checkout_pause", "rage_click", "form_error_loop", "label:frustration", "label:delight"};
            Decision d = PolicyEngine.decide(p, "s-" + i, 1_763_632_800_000L,
                    List.of(new Trigger(triggers[random.nextInt(triggers.length)], "t")), track, consent,
                    new DecisionHistory(), new ThompsonBandit(), 1_763_632_800_000L).decision();
            if (d.targeting() == null) {
                continue;
            }
            String json2 = JsonCodec.decisionJson(d);
            String targeting = json2.substring(json2.indexOf("\"targeting\""));
            assertThat(Targeting.mentionsLabel(targeting)).as(targeting).isFalse();
            for (Label label : Label.values()) {
                assertThat(targeting).doesNotContain(label.wireName());
            }
            assertThat(targeting).as("no confidence or label value").doesNotContainPattern("[0-9]\\.[0-9]");
        }
        assertThat(accepted).as("some random policies are valid").isGreaterThan(30);
        assertThat(refused).as("some name a label").isGreaterThan(30);
    }
}
