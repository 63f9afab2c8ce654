package io.moments.ratings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.config.ContractSchema;
import io.moments.config.IngestLimits;
import io.moments.models.Label;
import io.moments.testing.Shopper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RatingsTest {

    private static final String OK = "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"s1-2\","
            + "\"labels\":{\"hesitation\":0.4,\"delight\":0}}";

    @TempDir
    Path dir;

    @Test
    void readsTheRatedLabels() throws Exception {
        List<Rating> r = Ratings.parse(List.of(OK, "", "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"s1-2\","
                + "\"rater\":\"b\",\"labels\":{\"hesitation\":0.6},\"note\":\"why\"}"), "r.jsonl");
        assertThat(r).hasSize(2);
        assertThat(r.get(0).labels()).containsOnlyKeys(Label.HESITATION, Label.DELIGHT);
        assertThat(r.get(0).rater()).isNull();
        assertThat(r.get(1).line()).isEqualTo(3);
        assertThat(r.get(1).rater()).isEqualTo("b");
    }

    @Test
    void namesTheLineAndFieldOfEveryProblem() {
        List<String> lines = List.of(OK,
                "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"s1-3\",\"labels\":{\"hesitation\":1.5}}",
                "not json",
                "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"labels\":{\"hesitaton\":0.5}}",
                "{\"schema\":\"rating/v2\",\"sessionId\":\"s1\",\"eventId\":\"e\",\"labels\":{}}",
                OK);
        assertThatThrownBy(() -> Ratings.parse(lines, "r.jsonl"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("r.jsonl line 2: labels.hesitation must have a maximum value of 1")
                .hasMessageContaining("r.jsonl line 3: not JSON")
                .hasMessageContaining("r.jsonl line 4: eventId is required")
                .hasMessageContaining("r.jsonl line 4: unknown field labels.hesitaton")
                .hasMessageContaining("r.jsonl line 5: schema")
                .hasMessageContaining("r.jsonl line 5: labels must have at least 1 properties")
                .hasMessageContaining("r.jsonl line 6: event s1-2 of session s1 is already rated on line 1")
                .hasMessageNotContaining("line 1:");
    }

    @Test
    void anEmptyFileHasNoRatings() {
        assertThatThrownBy(() -> Ratings.parse(List.of("", " "), "r.jsonl")).hasMessage("r.jsonl: no ratings");
    }

    @Test
    void joinsEachRatingToItsEventAndAveragesRaters() throws Exception {
        Path input = dir.resolve("in.jsonl");
        List<String> events = Shopper.session("s1", "2026-11-20T10:00:00Z").page("product").after(5).act("hover", "price")
                .after(5).act("add_to_cart").lines();
        Files.write(input, Stream.concat(events.stream(), Stream.of(events.get(1), "garbage")).toList());
        SessionEvents se = SessionEvents.read(input, IngestLimits.DEFAULTS, Duration.ofHours(1));
        assertThat(se.session("s1")).hasSize(3);
        assertThat(se.repeats()).isEqualTo(1);
        assertThat(se.refused()).isEqualTo(1);
        String eventId = new ObjectMapper().readTree(events.get(1)).get("eventId").asText();
        List<Rating> ratings = Ratings.parse(List.of(
                "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"" + eventId + "\",\"rater\":\"a\","
                        + "\"labels\":{\"hesitation\":0.2,\"price_sensitivity\":0.5}}",
                "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"" + eventId + "\",\"rater\":\"b\","
                        + "\"labels\":{\"hesitation\":0.6}}"), "r.jsonl");
        List<RatedMoment> moments = RatedMoment.join(ratings, se, "r.jsonl");
        assertThat(moments).hasSize(1);
        RatedMoment m = moments.get(0);
        assertThat(m.index()).isEqualTo(1);
        assertThat(m.raters()).isEqualTo(2);
        assertThat(m.truth().get(Label.HESITATION)).isCloseTo(0.4, within(1e-12));
        assertThat(m.truth().get(Label.PRICE_SENSITIVITY)).isEqualTo(0.5);
    }

    @Test
    void refusesRatingsOfEventsThatAreNotInTheInput() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, Shopper.session("s1", "2026-11-20T10:00:00Z").page("product").lines());
        SessionEvents se = SessionEvents.read(input, IngestLimits.DEFAULTS, Duration.ofHours(1));
        List<Rating> ratings = Ratings.parse(List.of(
                "{\"schema\":\"rating/v1\",\"sessionId\":\"s2\",\"eventId\":\"x\",\"labels\":{\"delight\":0.2}}",
                "{\"schema\":\"rating/v1\",\"sessionId\":\"s1\",\"eventId\":\"nope\",\"labels\":{\"delight\":0.2}}"), "r.jsonl");
        assertThatThrownBy(() -> RatedMoment.join(ratings, se, "r.jsonl"))
                .hasMessageContaining("r.jsonl line 1: session s2 has no valid event in in.jsonl")
                .hasMessageContaining("r.jsonl line 2: session s1 has no valid event nope in in.jsonl");
    }

    /** The committed rating/v1 examples and the reader agree. */
    @Test
    void agreesWithTheContractExamples() throws Exception {
        Path examples = Path.of("src/main/resources/contracts/examples");
        ContractSchema schema = ContractSchema.load("rating.v1.schema.json", "the rating");
        ObjectMapper json = new ObjectMapper();
        int valid = 0;
        int invalid = 0;
        for (String kind : List.of("valid", "invalid")) {
            try (Stream<Path> files = Files.list(examples.resolve(kind))) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("rating-")).toList()) {
                    String line = json.readTree(f.toFile()).toString();
                    if (kind.equals("valid")) {
                        assertThat(schema.problems(json.readTree(line))).as(f.toString()).isEmpty();
                        assertThat(Ratings.parse(List.of(line), f.getFileName().toString())).hasSize(1);
                        valid++;
                    } else {
                        assertThat(schema.problems(json.readTree(line))).as(f.toString()).isNotEmpty();
                        assertThatThrownBy(() -> Ratings.parse(List.of(line), "x")).as(f.toString())
                                .isInstanceOf(InvalidInputException.class);
                        invalid++;
                    }
                }
            }
        }
        assertThat(valid).isGreaterThanOrEqualTo(2);
        assertThat(invalid).isGreaterThanOrEqualTo(3);
    }
}
