package io.moments.models.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.moments.models.Label;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** End to end on real photos (face-api's demo images) and on images without faces. */
class FaceAnalyzerTest {

    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new FaceAnalyzer();
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    /** The face whose box contains (x, y). */
    private static FaceResult faceAt(List<FaceResult> faces, int x, int y) {
        return faces.stream()
                .filter(f -> x >= f.box().x() && x < f.box().x() + f.box().width()
                        && y >= f.box().y() && y < f.box().y() + f.box().height())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no face at " + x + "," + y + " in " + faces));
    }

    @ParameterizedTest(name = "{0} smile at {1},{2}")
    @CsvSource({
        "sample1.jpg, 1575, 355",  // open-mouthed laugh
        "sample3.jpg, 1166, 390",
        "sample3.jpg, 1588, 477",
        "sample5.jpg, 470, 1053",
        "sample6.jpg, 1580, 458",
        "sample6.jpg, 762, 515",
    })
    void clearSmilesAreHappy(String file, int x, int y) throws Exception {
        FaceResult face = faceAt(analyzer.analyze(TestImages.bytes(file)), x, y);
        assertThat(face.dominant()).isEqualTo(Expression.HAPPY);
        assertThat(face.probability(Expression.HAPPY)).isGreaterThan(0.95);
        assertThat(face.score()).isGreaterThan(0.5);
        // the mapping: happy drives delight, nothing else
        assertThat(face.labels().get(Label.DELIGHT)).isGreaterThan(0.75);
        assertThat(face.labels().get(Label.FRUSTRATION)).isLessThan(0.05);
        assertThat(face.confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void neutralFacesAreNeutral() throws Exception {
        FaceResult calm = faceAt(analyzer.analyze(TestImages.bytes("sample4.jpg")), 750, 212);
        assertThat(calm.dominant()).isEqualTo(Expression.NEUTRAL);
        assertThat(calm.probability(Expression.NEUTRAL)).isGreaterThan(0.8);
        FaceResult closedLips = faceAt(analyzer.analyze(TestImages.bytes("sample3.jpg")), 681, 505);
        assertThat(closedLips.dominant()).isEqualTo(Expression.NEUTRAL);
        // a neutral face says little about any label
        assertThat(calm.labels().values()).allSatisfy(v -> assertThat(v).isLessThan(0.1));
    }

    @Test
    void facesAreFoundWhereThePeopleAre() throws Exception {
        assertThat(analyzer.analyze(TestImages.bytes("sample3.jpg"))).hasSize(3);
        assertThat(analyzer.analyze(TestImages.bytes("sample5.jpg"))).hasSize(5);
        List<FaceResult> faces = analyzer.analyze(TestImages.bytes("sample1.jpg"));
        assertThat(faces).hasSize(3);
        for (FaceResult f : faces) {
            assertThat(f.box().width()).isBetween(200, 400);
            assertThat(f.box().height()).isBetween(200, 400);
            assertThat(f.expressions()).hasSize(7);
            assertThat(f.expressions().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-4));
            assertThat(f.labels()).doesNotContainKey(Label.PRICE_SENSITIVITY);
        }
        // strongest first
        assertThat(faces.get(0).score()).isGreaterThanOrEqualTo(faces.get(1).score());
    }

    @ParameterizedTest
    @ValueSource(strings = {"noface-stairs.jpg", "noface-blinds.jpg", "noface-gradient.jpg"})
    void imagesWithoutFacesGiveNoFaces(String file) throws Exception {
        assertThat(analyzer.analyze(TestImages.bytes(file))).isEmpty();
    }

    @Test
    void badInputIsACheckedInvalidImageException() {
        byte[] jpeg = TestImages.bytes("sample1.jpg");
        assertThatThrownBy(() -> analyzer.analyze(Arrays.copyOf(jpeg, jpeg.length * 6 / 10)))
                .isInstanceOf(InvalidImageException.class)
                .satisfies(e -> assertThat(((InvalidImageException) e).reason())
                        .isEqualTo(InvalidImageException.Reason.CORRUPT_JPEG));
        byte[] garbage = new byte[2000];
        new java.util.Random(1).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        assertThatThrownBy(() -> analyzer.analyze(garbage))
                .isInstanceOf(InvalidImageException.class)
                .satisfies(e -> assertThat(((InvalidImageException) e).reason())
                        .isEqualTo(InvalidImageException.Reason.CORRUPT_JPEG));
        assertThatThrownBy(() -> analyzer.analyze("not an image".getBytes()))
                .isInstanceOf(InvalidImageException.class)
                .satisfies(e -> assertThat(((InvalidImageException) e).reason())
                        .isEqualTo(InvalidImageException.Reason.NOT_JPEG));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
        assertThatThrownBy(() -> analyzer.analyze(png))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("not a JPEG");
        assertThatThrownBy(() -> analyzer.analyze(new byte[0]))
                .isInstanceOf(InvalidImageException.class)
                .satisfies(e -> assertThat(((InvalidImageException) e).reason())
                        .isEqualTo(InvalidImageException.Reason.EMPTY));
    }

    @Test
    void oversizedImagesAreRefusedBeforeDecoding() {
        FaceAnalyzer.Settings d = FaceAnalyzer.Settings.defaults();
        FaceAnalyzer.Settings small = new FaceAnalyzer.Settings(d.inputSize(), d.scoreThreshold(), d.iouThreshold(),
                d.maxFaces(), 1_000_000L, d.detectorBatch(), d.expressionBatch());
        try (FaceAnalyzer strict = new FaceAnalyzer(small)) {
            assertThatThrownBy(() -> strict.analyze(TestImages.bytes("sample1.jpg")))
                    .isInstanceOf(InvalidImageException.class)
                    .satisfies(e -> assertThat(((InvalidImageException) e).reason())
                            .isEqualTo(InvalidImageException.Reason.BAD_DIMENSIONS));
        }
    }

    @Test
    void batchNamesTheBadImage() {
        List<byte[]> batch = List.of(TestImages.bytes("noface-gradient.jpg"), new byte[] {1, 2, 3},
                TestImages.bytes("sample3.jpg"));
        assertThatThrownBy(() -> analyzer.analyzeAll(batch))
                .isInstanceOf(InvalidImageException.class)
                .satisfies(e -> assertThat(((InvalidImageException) e).index()).isEqualTo(1));
    }

    @Test
    void batchAgreesWithSingle() throws Exception {
        List<String> files = List.of("sample1.jpg", "noface-gradient.jpg", "sample3.jpg", "sample6.jpg");
        List<byte[]> jpegs = files.stream().map(TestImages::bytes).toList();
        List<List<FaceResult>> single = new ArrayList<>();
        for (byte[] j : jpegs) {
            single.add(analyzer.analyze(j));
        }
        // small batch sizes so that crops of different images share a batch and batches split
        FaceAnalyzer.Settings d = FaceAnalyzer.Settings.defaults();
        FaceAnalyzer.Settings chunked = new FaceAnalyzer.Settings(d.inputSize(), d.scoreThreshold(),
                d.iouThreshold(), d.maxFaces(), d.maxPixels(), 3, 4);
        try (FaceAnalyzer batched = new FaceAnalyzer(chunked)) {
            assertSame(batched.analyzeAll(jpegs), single);
        }
        assertSame(analyzer.analyzeAll(jpegs), single);
    }

    @Test
    void threadsShareOneAnalyzer() throws Exception {
        List<FaceResult> expected3 = analyzer.analyze(TestImages.bytes("sample3.jpg"));
        List<FaceResult> expected6 = analyzer.analyze(TestImages.bytes("sample6.jpg"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<List<FaceResult>>>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> List.of(
                        analyzer.analyze(TestImages.bytes("sample3.jpg")),
                        analyzer.analyze(TestImages.bytes("sample6.jpg")))));
            }
            for (Future<List<List<FaceResult>>> f : futures) {
                assertSame(f.get(), List.of(expected3, expected6));
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void assertSame(List<List<FaceResult>> actual, List<List<FaceResult>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).hasSameSizeAs(expected.get(i));
            for (int j = 0; j < expected.get(i).size(); j++) {
                FaceResult a = actual.get(i).get(j);
                FaceResult e = expected.get(i).get(j);
                assertThat(a.box()).isEqualTo(e.box());
                assertThat(a.score()).isCloseTo(e.score(), within(1e-5));
                for (Expression x : Expression.values()) {
                    assertThat(a.probability(x)).isCloseTo(e.probability(x), within(1e-5));
                }
            }
        }
    }
}
