package io.moments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The magnitude of every behaviour impulse ({@link LabelImpulse}): the hand-set ones, or those of a
 * {@code label-weights/v1} document ({@code contracts/label-weights.v1.schema.json}) named by
 * {@code moments.labels.weights}. Immutable.
 */
public final class LabelWeights implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String SCHEMA = "label-weights/v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final LabelImpulse[] IMPULSES = LabelImpulse.values();

    /** The hand-set magnitudes of docs/labels.md. */
    public static final LabelWeights HAND_SET = handSet();

    private final double[] values;

    private LabelWeights(double[] values) {
        this.values = values;
    }

    private static LabelWeights handSet() {
        double[] v = new double[IMPULSES.length];
        for (LabelImpulse i : IMPULSES) {
            v[i.ordinal()] = i.handSet();
        }
        return new LabelWeights(v);
    }

    public double get(LabelImpulse impulse) {
        return values[impulse.ordinal()];
    }

    /** A copy with one magnitude changed (0..1). */
    public LabelWeights with(LabelImpulse impulse, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(impulse.wireName() + " must be within 0..1, not " + value);
        }
        double[] v = values.clone();
        v[impulse.ordinal()] = value;
        return new LabelWeights(v);
    }

    /** The magnitudes by wire name, in {@link LabelImpulse} order. */
    public Map<String, Double> byName() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (LabelImpulse i : IMPULSES) {
            m.put(i.wireName(), values[i.ordinal()]);
        }
        return m;
    }

    /** The file named by {@code moments.labels.weights}, read and validated; every problem is in the message. */
    public static LabelWeights read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(MomentsOptions.LABEL_WEIGHTS.key() + ": cannot read " + file + ": "
                    + e, e);
        }
        try {
            return parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MomentsOptions.LABEL_WEIGHTS.key() + ": " + file + " is no valid "
                    + SCHEMA + " document: " + e.getMessage(), e);
        }
    }

    /** A {@code label-weights/v1} document; impulses it does not name keep their hand-set magnitude. */
    public static LabelWeights parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null) {
            throw new IllegalArgumentException("empty document");
        }
        List<String> problems = Holder.SCHEMA.problems(root);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        double[] v = HAND_SET.values.clone();
        root.get("impulses").fields().forEachRemaining(f ->
                v[LabelImpulse.fromWireName(f.getKey()).ordinal()] = f.getValue().asDouble());
        return new LabelWeights(v);
    }

    /**
     * This as a {@code label-weights/v1} document (every impulse named), with a description and the
     * fit's provenance (null: none).
     */
    public String toJson(String description, JsonNode fit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        if (description != null) {
            root.put("description", description);
        }
        ObjectNode impulses = root.putObject("impulses");
        for (LabelImpulse i : IMPULSES) {
            impulses.put(i.wireName(), Math.round(values[i.ordinal()] * 10_000) / 10_000.0);
        }
        if (fit != null) {
            root.set("fit", fit);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelWeights w && Arrays.equals(values, w.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LabelWeights" + byName();
    }

    private static final class Holder {
        static final ContractSchema SCHEMA = ContractSchema.load("label-weights.v1.schema.json", "the document");
    }
}
