package io.moments.models.face;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The face-api expression net ({@code face_expression_model}) as a DJL block.
 *
 * <p>Input: {@code (N, 3, 112, 112)} float, RGB, already normalised as
 * {@code (pixel - [122.782, 117.001, 104.298]) / 255}. Output: {@code (N, 7)} softmax
 * probabilities in {@link Expression} order.
 *
 * <p>Four dense blocks (3→32→64→128→256 channels, 112→56→28→14→7): {@code out1 = relu(first)},
 * {@code out2 = sep(out1)}, {@code out3 = sep(relu(out1+out2))},
 * {@code out4 = sep(relu(out1+out2+out3))}, output {@code relu(out1+out2+out3+out4)}, where
 * {@code first} is a stride-2 3x3 conv in block 0 and a stride-2 separable conv in blocks 1–3, and
 * {@code sep} is depthwise 3x3 + pointwise 1x1 + bias, all with TF "SAME" padding. Then a 7x7
 * average, a dense 256→7 and softmax.
 */
public final class FaceExpressionNet extends TfjsBlock {

    public static final String MANIFEST = "face_expression_model-weights_manifest.json";
    public static final int INPUT_SIZE = 112;
    /** Per-channel RGB mean subtracted before dividing by 255. */
    public static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    public FaceExpressionNet(TfjsWeights weights, NDManager manager) {
        for (String name : weights.tensors().keySet()) {
            register(weights, manager, name, layoutOf(name));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device d = x.getDevice();
        for (int b = 0; b < 4; b++) {
            x = denseBlock(store, d, x, "dense" + b, b == 0);
        }
        Shape s = x.getShape(); // avgPool 7x7 'valid' over a 7x7 map: a mean over all positions
        NDArray pooled = x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
        NDArray logits = Linear.linear(pooled, p(store, d, "fc/weights"), p(store, d, "fc/bias")).singletonOrThrow();
        return new NDList(logits.softmax(1));
    }

    private NDArray denseBlock(ParameterStore s, Device d, NDArray x, String prefix, boolean firstIsConv) {
        NDArray out1 = firstIsConv
                ? TfOps.conv2dSame(x, p(s, d, prefix + "/conv0/filters"), p(s, d, prefix + "/conv0/bias"), 2)
                : sep(s, d, x, prefix + "/conv0", 2);
        out1 = Activation.relu(out1);
        NDArray out2 = sep(s, d, out1, prefix + "/conv1", 1);
        NDArray sum12 = out1.add(out2);
        NDArray out3 = sep(s, d, Activation.relu(sum12), prefix + "/conv2", 1);
        NDArray sum123 = sum12.add(out3);
        NDArray out4 = sep(s, d, Activation.relu(sum123), prefix + "/conv3", 1);
        return Activation.relu(sum123.add(out4));
    }

    private NDArray sep(ParameterStore s, Device d, NDArray x, String prefix, int stride) {
        return TfOps.separableSame(x, p(s, d, prefix + "/depthwise_filter"), p(s, d, prefix + "/pointwise_filter"),
                p(s, d, prefix + "/bias"), stride);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), Expression.count())};
    }
}
