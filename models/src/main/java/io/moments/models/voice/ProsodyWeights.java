package io.moments.models.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The voice label layer's weights ({@value ProsodyModel#WEIGHTS}: {@code Linear(8 → 2)} + sigmoid over the
 * session z-scores) and the layer itself as plain arithmetic. {@link ProsodyModel} runs the same weights as a
 * DJL block for batches ({@link VoiceAnalyzer#analyzeAll}); this is what the pure step
 * {@link VoiceAnalyzer#score} uses, one chunk at a time, without an engine (the job's session stage). A test
 * keeps the two within 1e-5.
 */
public final class ProsodyWeights {

    /** The committed weights, read once. */
    public static final ProsodyWeights DEFAULT = load();

    private final double[][] weight;
    private final double[] bias;

    private ProsodyWeights(double[][] weight, double[] bias) {
        this.weight = weight;
        this.bias = bias;
    }

    static ProsodyWeights load() {
        JsonNode json;
        try (InputStream in = ProsodyWeights.class.getResourceAsStream(ProsodyModel.WEIGHTS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ProsodyModel.WEIGHTS);
            }
            json = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> inputs = new ArrayList<>();
        json.get("inputs").forEach(n -> inputs.add(n.asText()));
        for (Feature f : Feature.values()) {
            if (!f.wireName().equals(inputs.get(f.ordinal()))) {
                throw new IllegalStateException("weights expect inputs " + inputs + ", code has " + f);
            }
        }
        double[][] w = new double[ProsodyModel.OUTPUTS][Feature.COUNT];
        double[] b = new double[ProsodyModel.OUTPUTS];
        for (int o = 0; o < ProsodyModel.OUTPUTS; o++) {
            for (int i = 0; i < Feature.COUNT; i++) {
                w[o][i] = json.get("weight").get(o).get(i).asDouble();
            }
            b[o] = json.get("bias").get(o).asDouble();
        }
        return new ProsodyWeights(w, b);
    }

    /** Weight of input {@code i} ({@link Feature} order) for output {@code o}. */
    double weight(int o, int i) {
        return weight[o][i];
    }

    double bias(int o) {
        return bias[o];
    }

    /**
     * z-scores in {@link Feature} order (NaN = not measured → 0, the session's usual; clipped to
     * ±{@value VoiceBaseline#Z_CLIP}) → [hesitation, arousal] in 0..1.
     */
    public double[] apply(double[] z) {
        double[] out = new double[ProsodyModel.OUTPUTS];
        for (int o = 0; o < ProsodyModel.OUTPUTS; o++) {
            double s = bias[o];
            for (int i = 0; i < Feature.COUNT; i++) {
                double v = Double.isNaN(z[i]) ? 0 : Math.max(-VoiceBaseline.Z_CLIP, Math.min(VoiceBaseline.Z_CLIP, z[i]));
                s += weight[o][i] * v;
            }
            out[o] = 1 / (1 + Math.exp(-s));
        }
        return out;
    }
}
