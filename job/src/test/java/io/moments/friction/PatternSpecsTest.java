package io.moments.friction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.moments.decide.Policy;
import io.moments.ingest.ShopperEvent;
import io.moments.testing.Shopper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Patterns as policy data: the published schema and the parser agree, bad patterns are refused with every problem. */
class PatternSpecsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final String DEFAULT = Policy.defaultPolicy().json();

    private static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Files.readString(Path.of("src/main/resources/contracts/pattern.v1.schema.json"))));
    }

    private static List<String> parse(JsonNode pattern) {
        List<String> problems = new ArrayList<>();
        PatternSpecs.parse(JSON.createArrayNode().add(pattern), IDLE, problems);
        return problems;
    }

    @Test
    void theSchemaAndTheParserAgreeOnTheShippedPatternsAndTheExamples() throws Exception {
        JsonSchema schema = schema();
        for (JsonNode shipped : JSON.readTree(DEFAULT).path("patterns")) {
            assertThat(schema.validate(shipped)).as(shipped.toString()).isEmpty();
        }
        Path examples = Path.of("src/main/resources/contracts/examples");
        int valid = 0;
        int invalid = 0;
        for (String kind : List.of("valid", "invalid")) {
            try (Stream<Path> files = Files.list(examples.resolve(kind))) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("pattern-")).toList()) {
                    JsonNode pattern = JSON.readTree(f.toFile());
                    if (kind.equals("valid")) {
                        assertThat(schema.validate(pattern)).as(f.toString()).isEmpty();
                        assertThat(parse(pattern)).as(f.toString()).isEmpty();
                        valid++;
                    } else {
                        assertThat(schema.validate(pattern)).as(f.toString()).isNotEmpty();
                        assertThat(parse(pattern)).as(f.toString()).isNotEmpty();
                        invalid++;
                    }
                }
            }
        }
        assertThat(valid).isGreaterThanOrEqualTo(3);
        assertThat(invalid).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aPolicyWithBadPatternsIsRefusedWithEveryProblemNamed() {
        String patterns = """
                "patterns": [
                  {"id": "typo", "within": "30s", "steps": [{"where": {"typ": "click"}}]},
                  {"id": "nothing", "within": "30s", "steps": []},
                  {"id": "zero", "within": "30s", "steps": [{"where": {"type": "click"}, "times": 0}]},
                  {"id": "when", "within": "soon", "steps": [{"where": {"type": "click"}}]},
                  {"id": "forever", "within": "2h", "steps": [{"where": {"type": "click"}}]},
                  {"id": "twice", "within": "5s", "steps": [{"where": {"type": "click"}}]},
                  {"id": "twice", "within": "5s", "steps": [{"where": {"type": "scroll"}}]}
                ],""";
        String bad = DEFAULT.replaceFirst("\"patterns\":\\[.*?\\]}],", patterns.replace("$", "\\$"))
                .replace("\"trigger\":\"rage_click\"", "\"trigger\":\"mouse_wiggle\"");
        assertThatThrownBy(() -> Policy.parse(bad, IDLE))
                .isInstanceOf(Policy.InvalidPolicyException.class)
                .satisfies(e -> assertThat(((Policy.InvalidPolicyException) e).problems()).contains(
                        "pattern typo: steps[0].where: unknown field typ (one of " + PatternSpec.Where.FIELDS + ")",
                        "pattern nothing: steps must be a non-empty list",
                        "pattern zero: steps[0].times must be an integer within 1..100",
                        "pattern forever: within 2h exceeds the session idle timeout (30 min)",
                        "pattern twice: duplicate id",
                        "rule rage: unknown trigger 'mouse_wiggle' (neither label:<name> nor a pattern of this policy)")
                        .anyMatch(p -> p.startsWith("pattern when: within 'soon' does not parse"))
                        // the default's rules name the four shipped patterns, which this policy no longer has
                        .anyMatch(p -> p.startsWith("rule pause-price: unknown trigger 'checkout_pause'")));
    }

    @Test
    void withinIsBoundedByTheIdleTimeoutTheJobRunsWith() throws Exception {
        assertThat(Policy.parse(DEFAULT, Duration.ofMinutes(5)).patterns()).hasSize(4);
        assertThatThrownBy(() -> Policy.parse(DEFAULT, Duration.ofMinutes(4)))
                .hasMessageContaining("pattern pricing_contact: within 5m exceeds the session idle timeout (4 min)");
    }

    @Test
    void aPatternThatMatchesEveryEventHoldsNoMoreStateThanItsSpanNeeds() throws Exception {
        List<String> problems = new ArrayList<>();
        List<PatternSpec> specs = PatternSpecs.parse(JSON.readTree("""
                [{"id": "everything", "within": "10s", "steps": [{"where": {}}, {"where": {"type": "purchase"}}]},
                 {"id": "all_in_a_row", "within": "10s", "steps": [{"where": {}, "times": 100}]}]"""), IDLE, problems);
        assertThat(problems).isEmpty();
        CompiledPatterns patterns = new CompiledPatterns(specs);
        Shopper s = Shopper.session("s", "2026-11-20T10:00:00Z");
        for (int i = 0; i < 3_000; i++) {
            s.act("click", "t" + (i % 7)).after(0.5);
        }
        List<ShopperEvent> events = s.events();
        try (FrictionTracker tracker = new FrictionTracker(Duration.ofSeconds(60), 64)) {
            FrictionTrack track = new FrictionTrack();
            int early = 0;
            int late = 0;
            for (int i = 0; i < events.size(); i++) {
                tracker.onEvent(track, patterns, "s", PatternEvent.of(events.get(i)));
                int bytes = track.memory.length + (track.memoryBase == null ? 0 : track.memoryBase.length);
                if (i >= 200 && i < 1_000) {
                    early = Math.max(early, bytes);
                } else if (i >= 2_000) {
                    late = Math.max(late, bytes);
                }
            }
            // 10 s at two events a second: some 20 events in each pattern's buffer, whatever the session's length.
            assertThat(early).isPositive();
            assertThat(late).isLessThanOrEqualTo(early + early / 10);
            assertThat(late).isLessThan(64 * 1024);
        }
    }
}
