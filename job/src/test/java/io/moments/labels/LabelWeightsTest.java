package io.moments.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.config.LabelImpulse;
import io.moments.config.LabelSettings;
import io.moments.config.LabelWeights;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import io.moments.ingest.ShopperEvent;
import io.moments.models.Label;
import io.moments.testing.Shopper;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** moments.labels.weights: a label-weights/v1 document the job loads, and the labeler uses. */
class LabelWeightsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<ShopperEvent> buyer() {
        return Shopper.session("s", "2026-11-20T10:00:00Z").page("product").after(30).act("hover", "returns-policy")
                .after(5).act("add_to_cart").after(4).step(1).after(6).act("form_error").after(5).step(2).after(3)
                .act("purchase").events();
    }

    private static LabelTrack label(LabelSettings settings, List<ShopperEvent> events) {
        SessionLabeler labeler = new SessionLabeler(settings);
        LabelTrack track = new LabelTrack();
        for (ShopperEvent e : events) {
            labeler.apply(track, e, LabelRules.DEFAULTS);
        }
        return track;
    }

    @Test
    void withoutTheOptionTheLabelsUseTheHandSetMagnitudes() {
        assertThat(LabelSettings.DEFAULTS.weights()).isEqualTo(LabelWeights.HAND_SET);
        assertThat(MomentsSettings.from(new Configuration()).labels().weights()).isEqualTo(LabelWeights.HAND_SET);
        // One purchase from nothing: delight is the impulse itself.
        LabelTrack t = label(LabelSettings.DEFAULTS, Shopper.session("s", "2026-11-20T10:00:00Z").act("purchase").events());
        assertThat(t.values.delight()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void aLoadedDocumentChangesTheLabels() throws Exception {
        Path file = dir.resolve("labels.json");
        Files.writeString(file, "{\"schema\":\"label-weights/v1\",\"impulses\":{\"purchase.delight\":0.25,"
                + "\"form-error.frustration\":0.9}}");
        Configuration conf = new Configuration();
        conf.set(MomentsOptions.LABEL_WEIGHTS, file.toString());
        LabelSettings loaded = MomentsSettings.from(conf).labels();
        assertThat(loaded.weights().get(LabelImpulse.PURCHASE_DELIGHT)).isEqualTo(0.25);
        assertThat(loaded.weights().get(LabelImpulse.FORM_ERROR_FRUSTRATION)).isEqualTo(0.9);
        assertThat(loaded.weights().get(LabelImpulse.ADD_TO_CART_DELIGHT)).isEqualTo(0.3); // not named: hand-set

        LabelTrack handSet = label(LabelSettings.DEFAULTS, buyer());
        LabelTrack fitted = label(loaded, buyer());
        assertThat(fitted.values.frustration()).isGreaterThan(handSet.values.frustration() + 0.2);
        assertThat(fitted.values.delight()).isLessThan(handSet.values.delight() - 0.1);
        assertThat(fitted.values.trustConcern()).isEqualTo(handSet.values.trustConcern()); // its impulses unchanged
        LabelTrack purchase = label(loaded, Shopper.session("s", "2026-11-20T10:00:00Z").act("purchase").events());
        assertThat(purchase.values.delight()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void everyImpulseMovesTheLabelItNames() {
        // Each magnitude at 0 silences exactly its own behaviour: the journey below exercises all of them.
        List<ShopperEvent> all = Shopper.session("s", "2026-11-20T10:00:00Z")
                .page("product").after(50).page("pricing").after(10).page("product").after(5).page("support")
                .after(3).act("search").after(5).act("search").after(2).act("hover", "shipping").after(2)
                .act("hover", "price").after(2).page("product").after(2).scroll(0.95).after(2).act("form_error").after(2).act("chat_open")
                .after(2).act("add_to_cart").after(2).page("support").after(2).act("contact_click").after(2)
                .act("remove_from_cart").after(2).step(1).after(3).step(2).after(3).act("purchase").events();
        LabelTrack base = label(LabelSettings.DEFAULTS, all);
        for (LabelImpulse k : LabelImpulse.values()) {
            if (k == LabelImpulse.DWELL_MAX) {
                continue; // a cap: it only binds on long dwells, below
            }
            LabelTrack silenced = label(LabelSettings.DEFAULTS.withWeights(LabelWeights.HAND_SET.with(k, 0)), all);
            for (Label label : Label.values()) {
                if (label == BehaviourSignals.labelOf(k)) {
                    assertThat(silenced.values.get(label)).as(k.wireName()).isLessThan(base.values.get(label));
                } else {
                    assertThat(silenced.values.get(label)).as(k.wireName() + " on " + label).isEqualTo(base.values.get(label));
                }
            }
        }
        List<ShopperEvent> longDwell = Shopper.session("s", "2026-11-20T10:00:00Z").page("product").after(300)
                .page("product").events();
        assertThat(label(LabelSettings.DEFAULTS, longDwell).values.hesitation()).isCloseTo(0.5, within(1e-12));
        assertThat(label(LabelSettings.DEFAULTS.withWeights(LabelWeights.HAND_SET.with(LabelImpulse.DWELL_MAX, 0.3)),
                longDwell).values.hesitation()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void anInvalidDocumentStopsTheJobWithEveryProblem() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"schema\":\"label-weights/v1\",\"impulses\":{\"purchse.delight\":0.4,"
                + "\"form-error.frustration\":1.5}}");
        Configuration conf = new Configuration();
        conf.set(MomentsOptions.LABEL_WEIGHTS, file.toString());
        assertThatThrownBy(() -> MomentsSettings.from(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("moments.labels.weights: " + file + " is no valid label-weights/v1 document")
                .hasMessageContaining("unknown field impulses.purchse.delight")
                .hasMessageContaining("impulses.form-error.frustration must have a maximum value of 1");
        conf.set(MomentsOptions.LABEL_WEIGHTS, dir.resolve("missing.json").toString());
        assertThatThrownBy(() -> MomentsSettings.from(conf)).hasMessageContaining("moments.labels.weights: cannot read");
        assertThatThrownBy(() -> LabelWeights.parse("[1")).hasMessageContaining("not JSON");
    }

    @Test
    void aWrittenDocumentReadsBackAndNamesEveryImpulse() throws Exception {
        LabelWeights w = LabelWeights.HAND_SET.with(LabelImpulse.DWELL_BASE, 0.2).with(LabelImpulse.HOVER_HESITATION, 0.05);
        String json = w.toJson("test", JSON.createObjectNode().put("moments", 3));
        assertThat(LabelWeights.parse(json)).isEqualTo(w);
        JsonNode doc = JSON.readTree(json);
        assertThat(doc.get("impulses").size()).isEqualTo(LabelImpulse.values().length);
        assertThat(doc.get("fit").get("moments").asInt()).isEqualTo(3);
    }

    @Test
    void theSchemaTheEnumAndTheDocsNameTheSameImpulsesAndMagnitudes() throws Exception {
        JsonNode schema = JSON.readTree(Files.readString(Path.of("src/main/resources/contracts/label-weights.v1.schema.json")));
        JsonNode properties = schema.get("properties").get("impulses").get("properties");
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).containsExactlyElementsOf(LabelWeights.HAND_SET.byName().keySet());
        String docs = Files.readString(Path.of("../docs/labels.md"));
        for (LabelImpulse k : LabelImpulse.values()) {
            assertThat(properties.get(k.wireName()).get("description").asText()).endsWith("Hand-set: " + k.handSet() + ".");
            assertThat(docs).as(k.wireName()).contains("`" + k.wireName() + "`");
        }
        for (String example : List.of("valid/label-weights-partial.json")) {
            LabelWeights.parse(Files.readString(Path.of("src/main/resources/contracts/examples", example)));
        }
        for (String example : List.of("invalid/label-weights-unknown-impulse.json", "invalid/label-weights-out-of-range.json")) {
            assertThatThrownBy(() -> LabelWeights.parse(Files.readString(Path.of("src/main/resources/contracts/examples",
                    example)))).as(example).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
