package io.moments.models.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the text model does on the measured splits of {@code utterances.jsonl}: accuracy, macro F1,
 * expected calibration error and mean confidence. The engine of {@code ./moments score text-eval},
 * of the figures {@link TrainTextHead} writes into the model card, and of the test that pins them,
 * so all three compute them the same way.
 */
public final class TextEvaluation {

    /** The splits that are measured (the training split is only trained on). */
    static final List<Utterances.Split> MEASURED =
            List.of(Utterances.Split.HELD_OUT, Utterances.Split.HARD, Utterances.Split.VALIDATION);

    /** One split's figures. */
    public record SplitReport(String split, int n, int correct, double accuracy, double macroF1,
                              double expectedCalibrationError, double meanConfidence) {}

    /** One split measured in full: the figures plus what the model card shows (bins, styles, mistakes). */
    record Measured(Utterances.Split split, List<Utterance> lines, double[][] probabilities, Evaluation confusion,
                    List<Calibration.Bin> bins, double ece, Map<String, int[]> correctByStyle) {

        SplitReport report() {
            double meanConfidence = 0;
            for (double[] p : probabilities) {
                meanConfidence += p[Calibration.argmax(p)] / probabilities.length;
            }
            return new SplitReport(split.wireName(), lines.size(), confusion.correct(), confusion.accuracy(),
                    confusion.macroF1(), ece, meanConfidence);
        }
    }

    private TextEvaluation() {}

    /** Loads the bundled model (1 thread, per-text encoding) and measures every measured split of {@code dataFile}. */
    public static List<SplitReport> evaluate(Path dataFile) throws IOException {
        List<Utterance> all = Utterances.read(dataFile);
        List<SplitReport> out = new ArrayList<>();
        try (TextEmotionModel model = TextEmotionModel.load();
                TextEmotionPredictor predictor = model.newPredictor()) {
            for (Utterances.Split split : MEASURED) {
                out.add(measure(predictor, split, Utterances.of(all, split)).report());
            }
        }
        return out;
    }

    /** Scores one split's lines with the predictor and measures them. */
    static Measured measure(TextEmotionPredictor predictor, Utterances.Split split, List<Utterance> lines) {
        List<TextScores> scores = predictor.score(lines.stream().map(Utterance::text).toList());
        double[][] p = new double[scores.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = scores.get(i).probabilities();
        }
        return measure(split, lines, p);
    }

    /** Measures one split from its class probabilities (one row per line, {@link TextClasses} order). */
    static Measured measure(Utterances.Split split, List<Utterance> lines, double[][] probabilities) {
        int[] labels = lines.stream().mapToInt(u -> TextClasses.indexOf(u.label())).toArray();
        Evaluation confusion = new Evaluation();
        Map<String, int[]> byStyle = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            int predicted = Calibration.argmax(probabilities[i]);
            confusion.add(labels[i], predicted);
            int[] c = byStyle.computeIfAbsent(lines.get(i).style(), k -> new int[2]);
            c[0] += predicted == labels[i] ? 1 : 0;
            c[1]++;
        }
        List<Calibration.Bin> bins = Calibration.reliability(probabilities, labels);
        return new Measured(split, lines, probabilities, confusion, bins,
                Calibration.expectedCalibrationError(bins), byStyle);
    }
}
