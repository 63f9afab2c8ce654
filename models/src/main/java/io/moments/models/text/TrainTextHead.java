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
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Re-trains the text head, calibrates it and re-evaluates it, deterministically:
 *
 * <pre>
 * ./mvnw -pl models -q compile exec:java -Dexec.mainClass=io.moments.models.text.TrainTextHead
 * </pre>
 *
 * <p>Reads {@code text/data/utterances.jsonl} (relative to the models module; the optional first
 * argument is the module directory, by default {@code .} or {@code models}, whichever holds the
 * data). Adds one noisy copy of every training line ({@link TextAugmenter}), embeds every text one
 * at a time with {@link TextEncoder} (1 thread), trains {@link TextHead} on the training split with
 * DJL (PyTorch engine, fixed seed, fixed shuffling, 1 thread), fits the softmax temperature on the
 * validation split ({@link Calibration}), writes parameters and temperature to {@code
 * src/main/resources/}{@value TextHead#RESOURCE}, reloads them and measures the held-out, hard and
 * validation splits, which are never trained on ({@link TextEvaluation}). Writes {@code
 * text/EVALUATION.md}, {@code text/evaluation.json} and the reliability diagrams ({@link TextHeadReport}).
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
        List<Utterance> written = Utterances.of(all, Utterances.Split.TRAIN);
        List<Utterance> train = new ArrayList<>(written);
        train.addAll(TextAugmenter.augment(written));
        Map<Utterances.Split, List<Utterance>> measured = new LinkedHashMap<>();
        TextEvaluation.MEASURED.forEach(split -> measured.put(split, Utterances.of(all, split)));
        System.out.printf(Locale.ROOT, "data: %d lines; training on %d (%d written, %d augmented); measuring %s%n",
                all.size(), train.size(), written.size(), train.size() - written.size(), sizes(measured));

        Map<Utterances.Split, float[][]> measuredX = new LinkedHashMap<>();
        float[][] trainX = embed(train, measured, measuredX);
        Path resource = moduleDir.resolve("src/main/resources").resolve(TextHead.RESOURCE);
        Map<String, String> properties = properties(dataFile, train.size());
        trainCalibrateAndSave(trainX, labels(train), measured.get(Utterances.Split.VALIDATION),
                measuredX.get(Utterances.Split.VALIDATION), resource, properties);

        TextHeadReport report = new TextHeadReport(properties, written.size(), train.size() - written.size(),
                augmentedByClass(written));
        try (InputStream in = Files.newInputStream(resource); Model head = TextHead.load(in)) {
            // measured on the file that was written, exactly as the runtime loads it
            for (var e : measured.entrySet()) {
                float[][] logits = logits(head, measuredX.get(e.getKey()));
                report.add(TextEvaluation.measure(e.getKey(), e.getValue(), softmax(logits, TextHead.temperature(head))),
                        TextEvaluation.measure(e.getKey(), e.getValue(), softmax(logits, 1)));
            }
        }
        report.write(moduleDir.resolve("text"));
        System.out.print(report.console());
        System.out.println("wrote " + moduleDir.relativize(resource) + ", text/EVALUATION.md, text/evaluation.json, text/reliability-*.svg");
    }

    /** Encoder vectors of the training texts (returned) and of each measured split (into {@code measuredX}), one text at a time. */
    private static float[][] embed(List<Utterance> train, Map<Utterances.Split, List<Utterance>> measured,
            Map<Utterances.Split, float[][]> measuredX) throws TranslateException {
        long t0 = System.nanoTime();
        float[][] trainX;
        try (TextEncoder encoder = TextEncoder.load(1);
                Predictor<String[], float[][]> predictor = encoder.newPredictor()) {
            trainX = embedOneByOne(predictor, train);
            for (var e : measured.entrySet()) {
                measuredX.put(e.getKey(), embedOneByOne(predictor, e.getValue()));
            }
        }
        System.out.printf(Locale.ROOT, "embedded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return trainX;
    }

    /** The facts saved with the head as model properties (the temperature is added once fitted). */
    private static Map<String, String> properties(Path dataFile, int trainSize) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TextHead.PROP_CLASSES, String.join(",", TextClasses.names()));
        properties.put("encoder", "bge-small-en-v1.5-q (CLS, L2-normalised, max " + TextEncoder.MAX_TOKENS + " tokens)");
        properties.put("dataSha256", Utterances.sha256Hex(dataFile));
        properties.put("seed", Integer.toString(SEED));
        properties.put("epochs", Integer.toString(EPOCHS));
        properties.put("trainSize", Integer.toString(trainSize));
        return properties;
    }

    /** Trains the head, fits its temperature on the validation split and writes both to {@code resource}. */
    private static void trainCalibrateAndSave(float[][] trainX, int[] trainY, List<Utterance> validation,
            float[][] validationX, Path resource, Map<String, String> properties) throws IOException, TranslateException {
        try (Model model = train(trainX, trainY)) {
            double temperature = Calibration.fitTemperature(logits(model, validationX), labels(validation));
            properties.put(TextHead.PROP_TEMPERATURE, Double.toString(temperature));
            System.out.printf(Locale.ROOT, "temperature %.4f (fitted on %d validation texts)%n", temperature, validation.size());
            save(model, resource, properties);
        }
    }

    private static Model train(float[][] x, int[] y) {
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
        Model model = TextHead.newModel();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, TextEncoder.DIMENSION));
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                Collections.shuffle(order, shuffler);
                double lossSum = 0;
                for (int from = 0; from < order.size(); from += BATCH_SIZE) {
                    lossSum += step(trainer, x, y, order.subList(from, Math.min(order.size(), from + BATCH_SIZE)));
                }
                if (epoch == 1 || epoch % 10 == 0) {
                    System.out.printf(Locale.ROOT, "epoch %3d  train loss %.4f%n", epoch, lossSum / x.length);
                }
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** One mini-batch: forward, backward, optimiser step; returns the batch's summed loss. */
    private static double step(Trainer trainer, float[][] x, int[] y, List<Integer> batchRows) {
        float[][] bx = new float[batchRows.size()][];
        float[] by = new float[batchRows.size()];
        for (int i = 0; i < bx.length; i++) {
            bx[i] = x[batchRows.get(i)];
            by[i] = y[batchRows.get(i)];
        }
        double loss;
        try (NDManager batch = trainer.getManager().newSubManager()) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(batch.create(bx)));
                NDArray l = trainer.getLoss().evaluate(new NDList(batch.create(by)), predictions);
                collector.backward(l);
                loss = l.getFloat() * bx.length;
            }
            trainer.step();
        }
        return loss;
    }

    private static float[][] logits(Model model, float[][] vectors) throws TranslateException {
        try (Predictor<float[][], float[][]> predictor = model.newPredictor(new TextHead.LogitTranslator())) {
            return predictor.predict(vectors);
        }
    }

    private static double[][] softmax(float[][] logits, double temperature) {
        double[][] p = new double[logits.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = Calibration.softmax(logits[i], temperature);
        }
        return p;
    }

    private static void save(Model model, Path resource, Map<String, String> properties) throws IOException {
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

    private static Map<String, int[]> augmentedByClass(List<Utterance> written) {
        Map<String, int[]> out = new LinkedHashMap<>();
        TextClasses.names().forEach(c -> out.put(c, new int[2]));
        for (Utterance u : written) {
            out.get(u.label())[1]++;
        }
        for (Utterance u : TextAugmenter.augment(written)) {
            out.get(u.label())[0]++;
        }
        return out;
    }

    private static String sizes(Map<Utterances.Split, List<Utterance>> measured) {
        StringBuilder sb = new StringBuilder();
        measured.forEach((split, lines) -> sb.append(sb.length() == 0 ? "" : ", ").append(lines.size()).append(' ').append(split.wireName()));
        return sb.toString();
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
