package io.moments.models.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The port against the JavaScript library: {@code face/testdata/faceapi-js-reference.json} holds
 * what {@code @vladmandic/face-api} 1.7.15 (tfjs 4.22 CPU) computed on the same decoded pixels
 * (see {@code face/crosscheck/README.md} for how it was made). Detections, boxes and the
 * expression probabilities of every face and of ten extra boxes per image must agree.
 */
class FaceApiReferenceTest {

    private static final double TOLERANCE = 1e-4; // measured agreement is about 1e-6

    private static FaceAnalyzer analyzer;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws Exception {
        analyzer = new FaceAnalyzer();
        reference = new ObjectMapper().readTree(TestImages.path("faceapi-js-reference.json").toFile());
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    @Test
    void everyTestImageMatchesTheLibrary() throws Exception {
        assertThat(reference.get("images")).hasSize(9);
        for (JsonNode image : reference.get("images")) {
            String file = image.get("file").asText();
            FaceImage img = FaceImage.decodeJpeg(TestImages.bytes(file));

            List<TinyYoloDecoder.Detection> dets = analyzer.detectRelative(img);
            assertThat(dets).as(file + " detections").hasSize(image.get("detections").size());
            for (int i = 0; i < dets.size(); i++) {
                JsonNode js = image.get("detections").get(i);
                TinyYoloDecoder.Detection d = dets.get(i);
                assertThat(new double[] {d.x(), d.y(), d.width(), d.height(), d.score()})
                        .as(file + " detection " + i)
                        .containsExactly(new double[] {js.get(0).asDouble(), js.get(1).asDouble(), js.get(2).asDouble(),
                            js.get(3).asDouble(), js.get(4).asDouble()}, within(TOLERANCE));
            }

            List<FaceResult> faces = analyzer.analyze(img);
            assertThat(faces).hasSize(image.get("faces").size());
            for (int i = 0; i < faces.size(); i++) {
                JsonNode js = image.get("faces").get(i);
                assertThat(faces.get(i).box().toArray()).as(file + " box " + i).containsExactly(ints(js.get("box")));
                for (int e = 0; e < Expression.count(); e++) {
                    assertThat(faces.get(i).probability(Expression.ofIndex(e)))
                            .as(file + " face " + i + " " + Expression.ofIndex(e))
                            .isCloseTo(js.get("p").get(e).asDouble(), within(TOLERANCE));
                }
            }

            List<FaceResult.Box> boxes = new ArrayList<>();
            for (JsonNode x : image.get("extra")) {
                int[] b = ints(x.get("box"));
                boxes.add(new FaceResult.Box(b[0], b[1], b[2], b[3]));
            }
            float[][] p = analyzer.expressions(Collections.nCopies(boxes.size(), img), boxes);
            for (int i = 0; i < boxes.size(); i++) {
                for (int e = 0; e < Expression.count(); e++) {
                    assertThat((double) p[i][e]).as(file + " extra box " + boxes.get(i))
                            .isCloseTo(image.get("extra").get(i).get("p").get(e).asDouble(), within(TOLERANCE));
                }
            }
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
