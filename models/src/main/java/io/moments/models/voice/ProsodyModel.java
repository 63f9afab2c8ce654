package io.moments.models.voice;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

import java.util.List;

/**
 * The voice label model: a DJL block on the PyTorch engine, {@code Linear(8 → 2)} followed by a sigmoid,
 * mapping session-normalised prosody z-scores ({@link Feature} order) to [hesitation, arousal] in 0..1.
 *
 * <p>Its weights are set by hand from published prosody findings, not trained (no labelled emotional speech
 * is available here); they live in {@value #WEIGHTS} with their rationale. In other words it is a logistic
 * scoring rule executed by DJL so that it batches and deploys like the other models, and can be replaced
 * by a trained layer of the same shape without touching the callers.
 *
 * <p>The same layer as plain arithmetic is {@link ProsodyWeights#apply}: the pure step {@link VoiceAnalyzer#score}
 * (the job's session stage, one chunk at a time) uses that; this block scores batches ({@link VoiceAnalyzer#analyzeAll}).
 *
 * <p>Thread safety: the model is shared; each thread needs its own {@link Runner}.
 */
public final class ProsodyModel implements AutoCloseable {

    public static final String WEIGHTS = "/io/moments/models/voice/prosody_weights.json";
    public static final int HESITATION = 0;
    public static final int AROUSAL = 1;
    static final int OUTPUTS = 2;

    private final Model model;
    private final float[][] weight;
    private final float[] bias;

    private ProsodyModel(Model model, float[][] weight, float[] bias) {
        this.model = model;
        this.weight = weight;
        this.bias = bias;
    }

    /** Builds the block on the PyTorch engine and loads the committed weights. */
    public static ProsodyModel load() {
        ProsodyWeights weights = ProsodyWeights.DEFAULT;
        float[][] w = new float[OUTPUTS][Feature.COUNT];
        float[] b = new float[OUTPUTS];
        for (int o = 0; o < OUTPUTS; o++) {
            for (int i = 0; i < Feature.COUNT; i++) {
                w[o][i] = (float) weights.weight(o, i);
            }
            b[o] = (float) weights.bias(o);
        }

        Model model = Model.newInstance("moments-voice-prosody", "PyTorch");
        try {
            Linear linear = Linear.builder().setUnits(OUTPUTS).build();
            SequentialBlock block = new SequentialBlock().add(linear).add(Activation::sigmoid);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, Feature.COUNT));
            float[] flat = new float[OUTPUTS * Feature.COUNT];
            for (int o = 0; o < OUTPUTS; o++) {
                System.arraycopy(w[o], 0, flat, o * Feature.COUNT, Feature.COUNT);
            }
            Parameter weightParam = linear.getParameters().get("weight");
            Parameter biasParam = linear.getParameters().get("bias");
            weightParam.getArray().set(flat);
            biasParam.getArray().set(b);
            return new ProsodyModel(model, w, b);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The weights as loaded ([output][feature]); for the model card and tests. */
    public float[][] weights() {
        float[][] c = new float[OUTPUTS][];
        for (int o = 0; o < OUTPUTS; o++) {
            c[o] = weight[o].clone();
        }
        return c;
    }

    public float[] bias() {
        return bias.clone();
    }

    public Runner newRunner() {
        return new Runner(model.newPredictor(new VectorTranslator()));
    }

    @Override
    public void close() {
        model.close();
    }

    /** float[8] z-scores (NaN → 0) → float[2] scores; batches by stacking. */
    static final class VectorTranslator implements Translator<float[], float[]> {
        @Override
        public NDList processInput(TranslatorContext ctx, float[] z) {
            NDManager manager = ctx.getNDManager();
            float[] clean = new float[Feature.COUNT];
            for (int i = 0; i < Feature.COUNT; i++) {
                float v = i < z.length ? z[i] : 0f;
                clean[i] = Float.isNaN(v) ? 0f : Math.max(-(float) VoiceBaseline.Z_CLIP, Math.min((float) VoiceBaseline.Z_CLIP, v));
            }
            return new NDList(manager.create(clean));
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().toFloatArray();
        }

        @Override
        public Batchifier getBatchifier() {
            return Batchifier.STACK;
        }
    }

    /** Per-thread scorer (one DJL predictor). Not thread-safe. */
    public static final class Runner implements AutoCloseable {
        private final Predictor<float[], float[]> predictor;

        Runner(Predictor<float[], float[]> predictor) {
            this.predictor = predictor;
        }

        public float[] score(float[] z) {
            return score(List.of(z)).get(0);
        }

        public List<float[]> score(List<float[]> zs) {
            try {
                return predictor.batchPredict(zs);
            } catch (TranslateException e) {
                throw new IllegalStateException("voice prosody model failed", e);
            }
        }

        @Override
        public void close() {
            predictor.close();
        }
    }

    /** Not exposed publicly; used by tests to check the DJL path against plain arithmetic. */
    static float[] reference(float[][] w, float[] b, float[] z) {
        float[] out = new float[OUTPUTS];
        for (int o = 0; o < OUTPUTS; o++) {
            double s = b[o];
            for (int i = 0; i < Feature.COUNT; i++) {
                float v = Float.isNaN(z[i]) ? 0f : Math.max(-3f, Math.min(3f, z[i]));
                s += w[o][i] * v;
            }
            out[o] = (float) (1 / (1 + Math.exp(-s)));
        }
        return out;
    }
}
