package io.moments.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.cli.ReplayCommand;
import io.moments.testing.FlinkTestSupport;
import io.moments.testing.Shopper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job with the real models: text messages and a consented camera frame become signals
 * that show up in the decisions; a corrupt frame becomes a dead letter; no content reaches an output.
 */
class InferenceInJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestSupport.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FACE_PHOTO = Path.of("../models/face/testdata/sample1.jpg");

    @TempDir
    Path dir;

    @Test
    void modelSignalsReachTheDecisionsAndContentDoesNot() throws Exception {
        String angry = "This is ridiculous, your checkout keeps failing and I am furious";
        List<String> lines = new ArrayList<>(Shopper.session("texter", "2026-11-20T10:00:00Z", Shopper.FULL_CONSENT_TCF)
                .page("cart").after(2)
                .text("support", angry).after(3)
                .text("chat", "I have tried three times, this broken site is a joke").after(3)
                .text("support", "Nothing works, I am so angry right now").after(3)
                .step(1).lines());
        lines.add(media("face-1", "texter", "2026-11-20T10:00:12Z", Files.readAllBytes(FACE_PHOTO)));
        lines.add(media("face-2", "texter", "2026-11-20T10:00:12.500Z", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3}));
        Path input = dir.resolve("in.jsonl");
        Files.write(input, lines);
        Path decisions = dir.resolve("decisions.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        Path audit = dir.resolve("audit.jsonl");
        Configuration conf = GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));

        ReplayCommand.replay(conf, input, decisions, dead, audit, null);

        List<JsonNode> out = read(decisions);
        assertThat(out).isNotEmpty();
        JsonNode frustrated = out.stream().filter(d -> d.get("triggers").toString().contains("label:frustration"))
                .findFirst().orElseThrow(() -> new AssertionError("no frustration decision in " + out));
        assertThat(frustrated.get("modalities").toString()).contains("text");
        JsonNode pause = out.stream().filter(d -> d.get("triggers").toString().contains("checkout_pause"))
                .findFirst().orElseThrow();
        assertThat(pause.get("modalities").toString()).contains("text").contains("face");

        JsonNode trail = read(audit).stream().filter(a -> a.path("decisionId").asText().equals(pause.get("decisionId").asText()))
                .findFirst().orElseThrow();
        assertThat(trail.get("signals").get("text").get("frustration").asDouble()).isGreaterThan(0.3);

        List<JsonNode> deadLetters = read(dead);
        assertThat(deadLetters).extracting(d -> d.get("reason").asText()).containsExactly("bad_media");
        assertThat(deadLetters.get(0).get("detail").asText()).startsWith("video_frame");
        assertThat(deadLetters.get(0).get("raw").asText()).doesNotContain("data\"");

        String everything = Files.readString(decisions) + Files.readString(dead) + Files.readString(audit);
        assertThat(everything).doesNotContain("furious").doesNotContain("broken site")
                .doesNotContain(Base64.getEncoder().encodeToString(Files.readAllBytes(FACE_PHOTO)).substring(0, 64));
    }

    private static String media(String eventId, String session, String ts, byte[] jpeg) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", "media/v1").put("eventId", eventId).put("sessionId", session).put("ts", ts)
                .put("kind", "video_frame").put("data", Base64.getEncoder().encodeToString(jpeg));
        n.putObject("consent").put("biometric", true).put("tcf", Shopper.FULL_CONSENT_TCF).put("gpc", false);
        return n.toString();
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
