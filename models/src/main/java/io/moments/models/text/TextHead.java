package io.moments.models.text;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The classification head over encoder vectors: {@value TextEncoder#DIMENSION} → {@value #HIDDEN}
 * (ReLU, dropout {@value #DROPOUT} in training only) → {@value TextClasses#COUNT} logits, on DJL's
 * PyTorch engine. Its trained parameters are the classpath resource {@value #RESOURCE} (DJL's
 * {@code .params} format, written by {@link TrainTextHead}); the saved file also carries the
 * training facts as model properties (classes, seed, data digest) and the calibration temperature.
 */
public final class TextHead {

    /** Model name inside the parameter file. */
    public static final String NAME = "text-emotion-head";
    /** Hidden units. */
    public static final int HIDDEN = 128;
    /** Dropout rate during training. */
    public static final float DROPOUT = 0.1f;
    /** Classpath resource holding the trained parameters. */
    public static final String RESOURCE = "io/moments/models/text/text-emotion-head.params";

    /** Model property: comma-separated class names in output order. */
    static final String PROP_CLASSES = "classes";
    /** Model property: the softmax temperature fitted on the validation split ({@link Calibration}). */
    static final String PROP_TEMPERATURE = "temperature";

    private TextHead() {}

    /** A fresh, untrained head block. */
    static SequentialBlock newBlock() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(DROPOUT).build())
                .add(Linear.builder().setUnits(TextClasses.COUNT).build());
    }

    /** A new PyTorch model holding an untrained head block. */
    static Model newModel() {
        Model model = Model.newInstance(NAME, Device.cpu(), "PyTorch");
        model.setBlock(newBlock());
        return model;
    }

    /** Loads the trained head from {@link #RESOURCE} and checks that its classes match {@link TextClasses}. */
    static Model loadBundled() {
        io.moments.models.DjlDefaults.apply();
        try (InputStream in = TextDjl.open(RESOURCE)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the text head parameters " + RESOURCE, e);
        }
    }

    /** Loads head parameters saved by {@link TrainTextHead} from a stream. */
    static Model load(InputStream in) throws IOException {
        Model model = newModel();
        try {
            model.load(in);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException("malformed text head parameters", e);
        }
        String classes = model.getProperty(PROP_CLASSES);
        if (classes != null && !classes.equals(String.join(",", TextClasses.names()))) {
            model.close();
            throw new IllegalStateException("text head was trained for classes " + classes
                    + " but this code expects " + TextClasses.names());
        }
        return model;
    }

    /** The calibration temperature saved with a trained head. */
    static double temperature(Model head) {
        String t = head.getProperty(PROP_TEMPERATURE);
        if (t == null) {
            throw new IllegalStateException("text head has no " + PROP_TEMPERATURE + " property: re-run TrainTextHead");
        }
        return Double.parseDouble(t);
    }

    /**
     * Encoder vectors (batch × 384) in, class probabilities (batch × 7) out: the softmax of the
     * logits divided by the calibration temperature.
     */
    static final class ProbabilityTranslator implements NoBatchifyTranslator<float[][], float[][]> {

        private final float temperature;

        ProbabilityTranslator(double temperature) {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("temperature must be > 0: " + temperature);
            }
            this.temperature = (float) temperature;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, float[][] vectors) {
            return inputOf(ctx, vectors);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            return rows(list.singletonOrThrow().div(temperature).softmax(1));
        }
    }

    /** Encoder vectors in, raw logits out: what the temperature is fitted on. */
    static final class LogitTranslator implements NoBatchifyTranslator<float[][], float[][]> {

        @Override
        public NDList processInput(TranslatorContext ctx, float[][] vectors) {
            return inputOf(ctx, vectors);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            return rows(list.singletonOrThrow());
        }
    }

    private static NDList inputOf(TranslatorContext ctx, float[][] vectors) {
        if (vectors.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        return new NDList(ctx.getNDManager().create(vectors));
    }

    private static float[][] rows(NDArray matrix) {
        int batch = Math.toIntExact(matrix.getShape().get(0));
        int classes = Math.toIntExact(matrix.getShape().get(1));
        float[] flat = matrix.toFloatArray();
        float[][] out = new float[batch][];
        for (int i = 0; i < batch; i++) {
            out[i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
        }
        return out;
    }
}
