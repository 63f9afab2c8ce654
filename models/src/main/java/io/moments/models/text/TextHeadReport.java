package io.moments.models.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link TrainTextHead} writes about a trained head: {@code EVALUATION.md} (for people),
 * {@code evaluation.json} (for the tests that pin the figures) and one reliability diagram per
 * measured split before and after temperature scaling.
 */
final class TextHeadReport {

    private final Map<String, String> properties;
    private final int written;
    private final int augmented;
    private final Map<String, int[]> augmentedByClass; // class -> {augmented, written}
    private final List<TextEvaluation.Measured> calibrated = new ArrayList<>();
    private final List<TextEvaluation.Measured> uncalibrated = new ArrayList<>();

    TextHeadReport(Map<String, String> properties, int written, int augmented, Map<String, int[]> augmentedByClass) {
        this.properties = properties;
        this.written = written;
        this.augmented = augmented;
        this.augmentedByClass = augmentedByClass;
    }

    /** One measured split, with the temperature and without it (T = 1). */
    void add(TextEvaluation.Measured withTemperature, TextEvaluation.Measured withoutTemperature) {
        calibrated.add(withTemperature);
        uncalibrated.add(withoutTemperature);
    }

    void write(Path textDir) throws IOException {
        Files.writeString(textDir.resolve("EVALUATION.md"), markdown(), StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(textDir.resolve("evaluation.json").toFile(), json());
        for (int i = 0; i < calibrated.size(); i++) {
            writeDiagram(textDir, calibrated.get(i), "", "temperature " + temperature());
            writeDiagram(textDir, uncalibrated.get(i), "-uncalibrated", "no temperature");
        }
    }

    String console() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < calibrated.size(); i++) {
            TextEvaluation.SplitReport r = calibrated.get(i).report();
            sb.append(String.format(Locale.ROOT, "%-10s n=%d accuracy %.4f macro F1 %.4f ECE %.4f (uncalibrated %.4f)%n",
                    r.split(), r.n(), r.accuracy(), r.macroF1(), r.expectedCalibrationError(),
                    uncalibrated.get(i).ece()));
        }
        return sb.toString();
    }

    private String temperature() {
        return String.format(Locale.ROOT, "%.4f", Double.parseDouble(properties.get(TextHead.PROP_TEMPERATURE)));
    }

    private static String diagramName(TextEvaluation.Measured m, String suffix) {
        return "reliability-" + m.split().wireName().replace('_', '-') + suffix + ".svg";
    }

    private static void writeDiagram(Path dir, TextEvaluation.Measured m, String suffix, String what) throws IOException {
        Files.writeString(dir.resolve(diagramName(m, suffix)),
                Calibration.reliabilitySvg(m.split().wireName() + " split, " + what, m.bins(), m.ece()),
                StandardCharsets.UTF_8);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Text head: evaluation\n\n");
        md.append("Written by `io.moments.models.text.TrainTextHead` (see MODEL_CARD.md for the command); do not edit by hand. ");
        md.append("`./moments score text-eval` recomputes the summary table from the bundled head.\n\n");
        md.append(String.format(Locale.ROOT, "- data: `%s`, sha256 `%s`%n", Utterances.DATA_FILE, properties.get("dataSha256")));
        md.append(String.format(Locale.ROOT, "- trained on %d lines: %d written + %d augmented copies (TextAugmenter: typos, lower case, chat abbreviations)%n",
                written + augmented, written, augmented));
        md.append(String.format(Locale.ROOT, "- head: %d → %d (ReLU, dropout %.1f) → %d; Adam lr %s, weight decay %s, batch %d, %d epochs, seed %d%n",
                TextEncoder.DIMENSION, TextHead.HIDDEN, TextHead.DROPOUT, TextClasses.COUNT, plain(TrainTextHead.LEARNING_RATE),
                plain(TrainTextHead.WEIGHT_DECAY), TrainTextHead.BATCH_SIZE, TrainTextHead.EPOCHS, TrainTextHead.SEED));
        md.append(String.format(Locale.ROOT, "- temperature: %s, fitted on the validation split by least negative log-likelihood%n", temperature()));
        md.append(String.format(Locale.ROOT, "- calibration: expected calibration error over %d equal-width bins of the top-class probability%n%n", Calibration.BINS));
        md.append(summaryTable()).append('\n');
        md.append(augmentationTable()).append('\n');
        for (TextEvaluation.Measured m : calibrated) {
            md.append(splitSection(m));
        }
        return md.toString();
    }

    private String summaryTable() {
        StringBuilder md = new StringBuilder("## Summary\n\n| split | n | accuracy | macro F1 | ECE | ECE without temperature | mean confidence | diagram |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < calibrated.size(); i++) {
            TextEvaluation.SplitReport r = calibrated.get(i).report();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %.4f | %.4f | [%s](%s) |%n",
                    r.split(), r.n(), r.accuracy(), r.macroF1(), r.expectedCalibrationError(), uncalibrated.get(i).ece(),
                    r.meanConfidence(), diagramName(calibrated.get(i), ""), diagramName(calibrated.get(i), "")));
        }
        return md.toString();
    }

    private String augmentationTable() {
        StringBuilder md = new StringBuilder("## Augmented share of the training split\n\n| class | written | augmented copies | augmented share |\n|---|---|---|---|\n");
        augmentedByClass.forEach((c, n) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% |%n",
                c, n[1], n[0], 100.0 * n[0] / (n[0] + n[1]))));
        return md.toString();
    }

    private static String splitSection(TextEvaluation.Measured m) {
        StringBuilder md = new StringBuilder();
        TextEvaluation.SplitReport r = m.report();
        md.append(String.format(Locale.ROOT, "## %s: accuracy %.4f (%d/%d), macro F1 %.4f, ECE %.4f%n%n",
                r.split(), r.accuracy(), r.correct(), r.n(), r.macroF1(), r.expectedCalibrationError()));
        md.append(m.confusion().perClassMarkdown()).append('\n');
        md.append("Confusion matrix (rows: true class, columns: predicted)\n\n").append(m.confusion().confusionMarkdown()).append('\n');
        md.append("By style\n\n| style | accuracy | n |\n|---|---|---|\n");
        m.correctByStyle().forEach((style, c) -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %d |%n", style, (double) c[0] / c[1], c[1])));
        md.append("\nReliability (calibrated)\n\n| confidence | n | accuracy | mean confidence |\n|---|---|---|---|\n");
        for (Calibration.Bin b : m.bins()) {
            if (b.n() > 0) {
                md.append(String.format(Locale.ROOT, "| %.2f–%.2f | %d | %.3f | %.3f |%n", b.lo(), b.hi(), b.n(), b.accuracy(), b.meanConfidence()));
            }
        }
        md.append("\nMistakes\n\n| id | style | true | predicted | p | text |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < m.lines().size(); i++) {
            int predicted = Calibration.argmax(m.probabilities()[i]);
            Utterance u = m.lines().get(i);
            if (!TextClasses.name(predicted).equals(u.label())) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s |%n", u.id(), u.style(), u.label(),
                        TextClasses.name(predicted), m.probabilities()[i][predicted], u.text().replace("|", "\\|")));
            }
        }
        return md.append('\n').toString();
    }

    private Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataSha256", properties.get("dataSha256"));
        json.put("trainWritten", written);
        json.put("trainAugmented", augmented);
        json.put("temperature", Double.parseDouble(properties.get(TextHead.PROP_TEMPERATURE)));
        json.put("eceBins", Calibration.BINS);
        json.put("classes", TextClasses.names());
        Map<String, Object> splits = new LinkedHashMap<>();
        for (int i = 0; i < calibrated.size(); i++) {
            TextEvaluation.Measured m = calibrated.get(i);
            TextEvaluation.SplitReport r = m.report();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("n", r.n());
            s.put("accuracy", round(r.accuracy()));
            s.put("macroF1", round(r.macroF1()));
            s.put("ece", round(r.expectedCalibrationError()));
            s.put("eceUncalibrated", round(uncalibrated.get(i).ece()));
            s.put("meanConfidence", round(r.meanConfidence()));
            s.put("confusion", confusionRows(m.confusion()));
            splits.put(r.split(), s);
        }
        json.put("splits", splits);
        return json;
    }

    private static List<List<Integer>> confusionRows(Evaluation eval) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int g = 0; g < TextClasses.COUNT; g++) {
            List<Integer> row = new ArrayList<>();
            for (int p = 0; p < TextClasses.COUNT; p++) {
                row.add(eval.count(g, p));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String plain(float v) {
        return new BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
