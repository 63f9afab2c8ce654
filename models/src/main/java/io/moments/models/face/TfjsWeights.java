package io.moments.models.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of a tfjs "layers-less" model: a {@code *-weights_manifest.json} (a list of groups,
 * each naming its shard files and listing tensors with name, shape, dtype and optional
 * {@code quantization{dtype: uint8, scale, min}}) and the shard bytes, tensors stored back to back
 * in manifest order. Quantized values are restored as {@code q * scale + min} (as tfjs does).
 *
 * <p>Tensors keep their TensorFlow layout (conv filters HWIO, depthwise filters HWC1, dense
 * weights IO); the {@code conv}/{@code depthwise}/{@code dense} accessors convert to the
 * PyTorch layouts (OIHW, C1HW, OI).
 */
public final class TfjsWeights {

    /** One tensor in TensorFlow layout, dequantized to float32. */
    public record Tensor(String name, int[] shape, float[] data) {
        public int size() {
            return data.length;
        }
    }

    private final Map<String, Tensor> tensors;

    private TfjsWeights(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /**
     * Loads a manifest and its shards from the classpath, relative to this class
     * ({@code io/moments/models/face/}).
     */
    public static TfjsWeights fromResources(String manifestName) {
        try (InputStream manifest = open(manifestName)) {
            JsonNode groups = new ObjectMapper().readTree(manifest);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (JsonNode group : groups) {
                ByteArrayOutputStream shardBytes = new ByteArrayOutputStream();
                for (JsonNode path : group.get("paths")) {
                    try (InputStream shard = open(path.asText())) {
                        shard.transferTo(shardBytes);
                    }
                }
                ByteBuffer buf = ByteBuffer.wrap(shardBytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
                for (JsonNode w : group.get("weights")) {
                    Tensor t = read(w, buf);
                    out.put(t.name(), t);
                }
                if (buf.hasRemaining()) {
                    throw new IllegalStateException(manifestName + ": " + buf.remaining() + " unread bytes in shard");
                }
            }
            return new TfjsWeights(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tfjs weights " + manifestName, e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = TfjsWeights.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource not found next to " + TfjsWeights.class.getName() + ": " + name);
        }
        return in;
    }

    private static Tensor read(JsonNode w, ByteBuffer buf) {
        String name = w.get("name").asText();
        JsonNode shapeNode = w.get("shape");
        int[] shape = new int[shapeNode.size()];
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
            n *= shape[i];
        }
        if (!"float32".equals(w.get("dtype").asText())) {
            throw new IllegalStateException(name + ": unsupported dtype " + w.get("dtype"));
        }
        float[] data = new float[n];
        JsonNode q = w.get("quantization");
        if (q == null) {
            for (int i = 0; i < n; i++) {
                data[i] = buf.getFloat();
            }
        } else {
            if (!"uint8".equals(q.get("dtype").asText())) {
                throw new IllegalStateException(name + ": unsupported quantization " + q);
            }
            double scale = q.get("scale").asDouble();
            double min = q.get("min").asDouble();
            for (int i = 0; i < n; i++) {
                data[i] = (float) ((buf.get() & 0xff) * scale + min);
            }
        }
        return new Tensor(name, shape, data);
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + name + " in weights");
        }
        return t;
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(Tensor::size).sum();
    }

    /** A conv filter, HWIO in the file, as an OIHW array (also right for 1x1 pointwise filters). */
    public NDArray conv(NDManager manager, String name) {
        Tensor t = get(name);
        int[] s = t.shape();
        return manager.create(hwioToOihw(t.data(), s[0], s[1], s[2], s[3]), new Shape(s[3], s[2], s[0], s[1]));
    }

    /** A depthwise filter, HWC1 in the file (channel multiplier 1), as a (C,1,H,W) array. */
    public NDArray depthwise(NDManager manager, String name) {
        Tensor t = get(name);
        int[] s = t.shape();
        if (s[3] != 1) {
            throw new IllegalStateException(name + ": channel multiplier " + s[3] + " is not supported");
        }
        return manager.create(hwioToOihw(t.data(), s[0], s[1], 1, s[2]), new Shape(s[2], 1, s[0], s[1]));
    }

    /** A dense weight matrix, IO in the file, as an OI array (what {@code Linear.linear} takes). */
    public NDArray dense(NDManager manager, String name) {
        Tensor t = get(name);
        int in = t.shape()[0];
        int out = t.shape()[1];
        float[] oi = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                oi[o * in + i] = t.data()[i * out + o];
            }
        }
        return manager.create(oi, new Shape(out, in));
    }

    /** A 1-D tensor (a bias). */
    public NDArray vector(NDManager manager, String name) {
        Tensor t = get(name);
        return manager.create(t.data(), new Shape(t.size()));
    }

    /**
     * Reorders a filter from HWIO (TensorFlow) to OIHW (PyTorch). For a depthwise filter pass
     * {@code in = 1, out = C}: HWC1 read as HW1C gives (C,1,H,W).
     */
    static float[] hwioToOihw(float[] hwio, int h, int w, int in, int out) {
        float[] oihw = new float[hwio.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + i) * h + y) * w + x] = hwio[((y * w + x) * in + i) * out + o];
                    }
                }
            }
        }
        return oihw;
    }
}
