package io.moments.models.face;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The face-api tiny face detector ({@code tiny_face_detector_model}) as a DJL block: a Tiny
 * YOLOv2 with depthwise-separable convolutions and one class.
 *
 * <p>Input: {@code (N, 3, S, S)} float, RGB, S a multiple of 32 (416 by default), normalised as
 * {@code (pixel - [117.001, 114.697, 97.404]) / 255}. Output: {@code (N, 25, S/32, S/32)} raw
 * YOLO maps (5 anchors × {x, y, w, h, objectness}); {@link TinyYoloDecoder} turns them into boxes.
 *
 * <p>Layers as in face-api's {@code TinyYolov2Base.runMobilenet}: conv0 3x3 "valid" + leaky;
 * then five times {maxPool 2x2/2 "SAME", sep conv}; maxPool 2x2/1 "SAME"; conv8 1x1. Each sep conv
 * pads 1 on every side explicitly, then depthwise 3x3 + pointwise + bias + leaky(0.1). Max-pool
 * "SAME" pads bottom/right only, with -inf.
 */
public final class TinyFaceDetectorNet extends TfjsBlock {

    public static final String MANIFEST = "tiny_face_detector_model-weights_manifest.json";
    /** Per-channel RGB mean subtracted before dividing by 255. */
    public static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    /** Anchor sizes in grid cells, from face-api's {@code tinyFaceDetector/const.ts}. */
    public static final double[][] ANCHORS = {
        {1.603231, 2.094468},
        {6.041143, 7.080126},
        {2.882459, 3.518061},
        {4.266906, 5.178857},
        {9.041765, 10.66308},
    };
    /** Values per anchor: x, y, w, h, objectness (one class, no class scores). */
    public static final int BOX_ENCODING = 5;

    public TinyFaceDetectorNet(TfjsWeights weights, NDManager manager) {
        for (String name : weights.tensors().keySet()) {
            register(weights, manager, name, layoutOf(name));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device d = x.getDevice();
        NDArray out = TfOps.leaky(TfOps.conv(x, p(store, d, "conv0/filters"), p(store, d, "conv0/bias"), 1, 1));
        for (int i = 1; i <= 5; i++) {
            out = TfOps.maxPoolSame(out, 2, 2);
            out = sep(store, d, out, "conv" + i);
        }
        out = TfOps.maxPoolSame(out, 2, 1);
        out = TfOps.conv(out, p(store, d, "conv8/filters"), p(store, d, "conv8/bias"), 1, 1);
        return new NDList(out);
    }

    private NDArray sep(ParameterStore s, Device d, NDArray x, String prefix) {
        return TfOps.leaky(TfOps.separablePadded(x, 1, p(s, d, prefix + "/depthwise_filter"),
                p(s, d, prefix + "/pointwise_filter"), p(s, d, prefix + "/bias")));
    }

    /** Side of the output grid for an input of side {@code inputSize}. */
    public static int gridSize(int inputSize) {
        int s = inputSize - 2; // conv0 'valid'
        for (int i = 0; i < 5; i++) {
            s = (s + 1) / 2; // maxPool 2/2 'SAME'
        }
        return s;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        int g = gridSize((int) inputShapes[0].get(2));
        return new Shape[] {new Shape(inputShapes[0].get(0), ANCHORS.length * BOX_ENCODING, g, g)};
    }
}
