package io.moments.models.text;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Re-trains the text head and re-evaluates it on the held-out split, deterministically:
 *
 * <pre>
 * ./mvnw -pl models -q compile exec:java -Dexec.mainClass=io.moments.models.text.TrainTextHead
 * </pre>
 *
 * <p>Reads {@code text/data/utterances.jsonl} (relative to the models module; the optional first
 * argument is the module directory, by default {@code .} or {@code models}, whichever holds the
 * data), embeds every utterance one at a time with {@link TextEncoder} (1 thread), trains
 * {@link TextHead} on the training split with DJL (PyTorch engine, fixed seed, fixed shuffling, 1
 * thread), writes the parameters to {@code src/main/resources/}{@value TextHead#RESOURCE}, reloads
 * them and evaluates on the held-out split, which is never trained on. Prints accuracy, per-class
 * precision/recall/F1 and the confusion matrix, and writes them to {@code text/EVALUATION.md} and
 * {@code text/evaluation.json}.
 */
public final class TrainTextHead {

    static final int SEED = 20261120;
    static final int EPOCHS = 60;
    static final int BATCH_SIZE = 32;
    static final float LEARNING_RATE = 1e-3f;
    static final float WEIGHT_DECAY = 1e-4f;

    private TrainTextHead() {}

    public static void main(String[] args) throws Exception {
        Path moduleDir = moduleDir(args);
        setIfAbsent("DJL_CACHE_DIR", moduleDir.resolve("target/djl-cache").toAbsolutePath().toString());
        io.moments.models.DjlDefaults.apply();

        Path dataFile = moduleDir.resolve(Utterances.DATA_FILE);
        List<Utterance> all = Utterances.read(dataFile);
        Set<String> heldOutIds = Utterances.heldOutIds(all);
        List<Utterance> train = new ArrayList<>();
        List<Utterance> heldOut = new ArrayList<>();
        for (Utterance u : all) {
            (heldOutIds.contains(u.id()) ? heldOut : train).add(u);
        }
        System.out.printf(Locale.ROOT, "data: %d utterances, %d train, %d held out%n", all.size(), train.size(), heldOut.size());

        float[][] trainX;
        float[][] heldOutX;
        long t0 = System.nanoTime();
        try (TextEncoder encoder = TextEncoder.load(1);
                Predictor<String[], float[][]> predictor = encoder.newPredictor()) {
            trainX = embedOneByOne(predictor, train);
            heldOutX = embedOneByOne(predictor, heldOut);
        }
        System.out.printf(Locale.ROOT, "embedded %d texts in %.1f s%n", all.size(), (System.nanoTime() - t0) / 1e9);
        int[] trainY = labels(train);
        int[] heldOutY = labels(heldOut);

        Path resource = moduleDir.resolve("src/main/resources").resolve(TextHead.RESOURCE);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TextHead.PROP_CLASSES, String.join(",", TextClasses.names()));
        properties.put("encoder", "bge-small-en-v1.5-q (CLS, L2-normalised, max " + TextEncoder.MAX_TOKENS + " tokens)");
        properties.put("dataSha256", Utterances.sha256Hex(dataFile));
        properties.put("splitSalt", Utterances.SPLIT_SALT);
        properties.put("seed", Integer.toString(SEED));
        properties.put("epochs", Integer.toString(EPOCHS));
        properties.put("trainSize", Integer.toString(train.size()));
        properties.put("heldOutSize", Integer.toString(heldOut.size()));
        train(trainX, trainY, resource, properties);

        // Evaluate the file that was written, exactly as the runtime loads it.
        Evaluation trainEval = new Evaluation();
        Evaluation heldOutEval = new Evaluation();
        float[][] heldOutP;
        try (InputStream in = Files.newInputStream(resource);
                Model head = TextHead.load(in);
                Predictor<float[][], float[][]> predictor = head.newPredictor(new TextHead.ProbabilityTranslator())) {
            float[][] trainP = predictor.predict(trainX);
            heldOutP = predictor.predict(heldOutX);
            for (int i = 0; i < trainY.length; i++) {
                trainEval.add(trainY[i], argmax(trainP[i]));
            }
            for (int i = 0; i < heldOutY.length; i++) {
                heldOutEval.add(heldOutY[i], argmax(heldOutP[i]));
            }
        }
        System.out.printf(Locale.ROOT, "train accuracy %.4f%n", trainEval.accuracy());
        System.out.println("held-out evaluation:");
        System.out.print(heldOutEval.consoleReport());

        writeReports(moduleDir, dataFile, heldOut, heldOutP, heldOutEval, trainEval, properties);
        System.out.println("wrote " + moduleDir.relativize(resource) + ", text/EVALUATION.md, text/evaluation.json");
    }

    private static void train(float[][] x, int[] y, Path resource, Map<String, String> properties) throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed(SEED);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
                        .optWeightDecays(WEIGHT_DECAY)
                        .build());
        Random shuffler = new Random(SEED);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            order.add(i);
        }
        try (Model model = TextHead.newModel(); Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, TextEncoder.DIMENSION));
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                Collections.shuffle(order, shuffler);
                double lossSum = 0;
                for (int from = 0; from < order.size(); from += BATCH_SIZE) {
                    int to = Math.min(order.size(), from + BATCH_SIZE);
                    float[][] bx = new float[to - from][];
                    float[] by = new float[to - from];
                    for (int i = from; i < to; i++) {
                        bx[i - from] = x[order.get(i)];
                        by[i - from] = y[order.get(i)];
                    }
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray data = batch.create(bx);
                        NDArray label = batch.create(by);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList predictions = trainer.forward(new NDList(data));
                            NDArray loss = trainer.getLoss().evaluate(new NDList(label), predictions);
                            collector.backward(loss);
                            lossSum += loss.getFloat() * (to - from);
                        }
                        trainer.step();
                    }
                }
                if (epoch == 1 || epoch % 10 == 0) {
                    System.out.printf(Locale.ROOT, "epoch %3d  train loss %.4f%n", epoch, lossSum / x.length);
                }
            }
            properties.forEach(model::setProperty);
            Path tmp = Files.createTempDirectory("text-head");
            try {
                model.save(tmp, TextHead.NAME);
                Files.createDirectories(resource.getParent());
                Files.copy(tmp.resolve(TextHead.NAME + "-0000.params"), resource, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                try (var files = Files.list(tmp)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.delete(f);
                    }
                }
                Files.delete(tmp);
            }
        }
    }

    private static void writeReports(Path moduleDir, Path dataFile, List<Utterance> heldOut, float[][] heldOutP,
            Evaluation eval, Evaluation trainEval, Map<String, String> properties) throws IOException {
        // dominant-label view (threshold fallback to neutral), per channel, and the mistakes
        int dominantCorrect = 0;
        int fallbacks = 0;
        Map<String, int[]> byChannel = new TreeMap<>();
        List<String> mistakes = new ArrayList<>();
        for (int i = 0; i < heldOut.size(); i++) {
            Utterance u = heldOut.get(i);
            TextScores s = TextScores.of(heldOutP[i], TextEmotionModel.DOMINANT_THRESHOLD);
            int predicted = argmax(heldOutP[i]);
            boolean correct = TextClasses.name(predicted).equals(u.label());
            if (s.dominant().equals(u.label())) {
                dominantCorrect++;
            }
            if (predicted != TextClasses.NEUTRAL_INDEX && s.dominant().equals(TextClasses.NEUTRAL)) {
                fallbacks++;
            }
            int[] c = byChannel.computeIfAbsent(u.channel(), k -> new int[2]);
            c[0] += correct ? 1 : 0;
            c[1]++;
            if (!correct) {
                mistakes.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s |", u.id(), u.channel(),
                        u.label(), TextClasses.name(predicted), heldOutP[i][predicted], u.text().replace("|", "\\|")));
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("# Text head: held-out evaluation\n\n");
        md.append("Written by `io.moments.models.text.TrainTextHead` (see MODEL_CARD.md for the command); do not edit by hand.\n\n");
        md.append(String.format(Locale.ROOT, "- data: `%s`, sha256 `%s`%n", Utterances.DATA_FILE, properties.get("dataSha256")));
        md.append(String.format(Locale.ROOT, "- split: %d train / %d held out (%.0f%% of every label × channel group, by SHA-256 of `%s:<id>`)%n",
                trainEval.total(), eval.total(), Utterances.HELD_OUT_FRACTION * 100, Utterances.SPLIT_SALT));
        md.append(String.format(Locale.ROOT, "- head: %d → %d (ReLU, dropout %.1f) → %d; Adam lr %s, weight decay %s, batch %d, %d epochs, seed %d%n",
                TextEncoder.DIMENSION, TextHead.HIDDEN, TextHead.DROPOUT, TextClasses.COUNT,
                plain(LEARNING_RATE), plain(WEIGHT_DECAY), BATCH_SIZE, EPOCHS, SEED));
        md.append(String.format(Locale.ROOT, "- train accuracy: %.4f%n", trainEval.accuracy()));
        md.append(String.format(Locale.ROOT, "%n## Held-out accuracy: %.4f (%d/%d), macro F1 %.4f%n%n",
                eval.accuracy(), eval.correct(), eval.total(), eval.macroF1()));
        md.append("Top class of the 7-way softmax against the true class.\n\n");
        md.append(eval.perClassMarkdown()).append('\n');
        md.append("### Confusion matrix (rows: true class, columns: predicted)\n\n");
        md.append(eval.confusionMarkdown()).append('\n');
        md.append("### By channel\n\n| channel | accuracy | n |\n|---|---|---|\n");
        byChannel.forEach((ch, c) -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %d |%n", ch, (double) c[0] / c[1], c[1])));
        md.append(String.format(Locale.ROOT,
                "%n### With the dominant-label rule (threshold %.2f)%n%n"
                        + "`dominant` equals the true class for %d/%d held-out texts (%.4f); "
                        + "%d text(s) whose top class was a label fell back to `neutral` because its probability was below the threshold.%n",
                TextEmotionModel.DOMINANT_THRESHOLD, dominantCorrect, heldOut.size(),
                (double) dominantCorrect / heldOut.size(), fallbacks));
        md.append("\n### Held-out mistakes\n\n| id | channel | true | predicted | p | text |\n|---|---|---|---|---|---|\n");
        mistakes.forEach(m -> md.append(m).append('\n'));
        Files.writeString(moduleDir.resolve("text/EVALUATION.md"), md.toString(), StandardCharsets.UTF_8);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataSha256", properties.get("dataSha256"));
        json.put("trainSize", trainEval.total());
        json.put("heldOutSize", eval.total());
        json.put("trainAccuracy", round(trainEval.accuracy()));
        json.put("heldOutAccuracy", round(eval.accuracy()));
        json.put("heldOutMacroF1", round(eval.macroF1()));
        json.put("dominantThreshold", TextEmotionModel.DOMINANT_THRESHOLD);
        json.put("heldOutDominantAccuracy", round((double) dominantCorrect / heldOut.size()));
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < TextClasses.COUNT; c++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", round(eval.precision(c)));
            m.put("recall", round(eval.recall(c)));
            m.put("f1", round(eval.f1(c)));
            m.put("support", eval.support(c));
            perClass.put(TextClasses.name(c), m);
        }
        json.put("perClass", perClass);
        List<List<Integer>> confusion = new ArrayList<>();
        for (int g = 0; g < TextClasses.COUNT; g++) {
            List<Integer> row = new ArrayList<>();
            for (int p = 0; p < TextClasses.COUNT; p++) {
                row.add(eval.count(g, p));
            }
            confusion.add(row);
        }
        json.put("classes", TextClasses.names());
        json.put("confusion", confusion);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(moduleDir.resolve("text/evaluation.json").toFile(), json);
    }

    static float[][] embedOneByOne(Predictor<String[], float[][]> predictor, List<Utterance> utterances)
            throws TranslateException {
        float[][] out = new float[utterances.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictor.predict(new String[] {utterances.get(i).text()})[0];
        }
        return out;
    }

    static int[] labels(List<Utterance> utterances) {
        return utterances.stream().mapToInt(u -> TextClasses.indexOf(u.label())).toArray();
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static String plain(float v) {
        return new java.math.BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static Path moduleDir(String[] args) {
        if (args.length > 0) {
            return Path.of(args[0]);
        }
        for (String candidate : new String[] {".", "models"}) {
            if (Files.isRegularFile(Path.of(candidate).resolve(Utterances.DATA_FILE))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("cannot find " + Utterances.DATA_FILE
                + " under . or models; pass the models module directory as the first argument");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
