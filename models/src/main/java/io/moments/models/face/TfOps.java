package io.moments.models.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * TensorFlow operator semantics on top of DJL/PyTorch NCHW arrays.
 *
 * <p>The one that matters: TensorFlow's {@code "SAME"} padding puts {@code total / 2} before and
 * the rest after. With stride 2 on an even input and a 3x3 kernel the total is 1, so TF pads only
 * bottom/right, while PyTorch's {@code padding=1} pads both sides and shifts every output by one
 * pixel. We therefore pad explicitly with {@link #samePadding} and convolve with no padding.
 */
public final class TfOps {

    private TfOps() {
    }

    /**
     * TF "SAME" padding along one spatial axis: {@code {before, after}} for an input of
     * {@code size}, a window of {@code kernel} and a stride of {@code stride}.
     */
    public static int[] samePadding(int size, int kernel, int stride) {
        int out = (size + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + kernel - size, 0);
        int before = total / 2;
        return new int[] {before, total - before};
    }

    /** Pads an NCHW array as TF "SAME" would for this kernel and stride, filling with {@code value}. */
    public static NDArray padSame(NDArray x, int kernel, int stride, double value) {
        Shape s = x.getShape();
        int[] ph = samePadding((int) s.get(2), kernel, stride);
        int[] pw = samePadding((int) s.get(3), kernel, stride);
        if (ph[0] == 0 && ph[1] == 0 && pw[0] == 0 && pw[1] == 0) {
            return x;
        }
        // DJL pads from the last axis: (left, right, top, bottom)
        return x.pad(new Shape(pw[0], pw[1], ph[0], ph[1]), value);
    }

    /** Symmetric padding of {@code p} on both spatial axes (tfjs {@code tf.pad(x, [[0,0],[p,p],[p,p],[0,0]])}). */
    public static NDArray pad(NDArray x, int p) {
        return x.pad(new Shape(p, p, p, p), 0);
    }

    /** {@code tf.conv2d(x, w, stride, 'same') + bias} with an OIHW filter. */
    public static NDArray conv2dSame(NDArray x, NDArray weight, NDArray bias, int stride) {
        return convSame(x, weight, bias, stride, 1);
    }

    /**
     * A convolution with TF "SAME" padding: symmetric padding is left to the convolution itself
     * (no copy), asymmetric padding (stride 2 on even inputs) is applied explicitly first.
     */
    static NDArray convSame(NDArray x, NDArray weight, NDArray bias, int stride, int groups) {
        Shape s = x.getShape();
        int k = (int) weight.getShape().get(2);
        int[] ph = samePadding((int) s.get(2), k, stride);
        int[] pw = samePadding((int) s.get(3), k, stride);
        if (ph[0] == ph[1] && pw[0] == pw[1]) {
            return conv(x, weight, bias, stride, groups, ph[0], pw[0]);
        }
        return conv(padSame(x, k, stride, 0), weight, bias, stride, groups);
    }

    /** A convolution with no padding ({@code 'valid'}); {@code groups = C} makes it depthwise. */
    public static NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int groups) {
        return conv(x, weight, bias, stride, groups, 0, 0);
    }

    /** A convolution with symmetric zero padding {@code padH}/{@code padW} on each side. */
    static NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int groups, int padH, int padW) {
        return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padH, padW), new Shape(1, 1), groups)
                .singletonOrThrow();
    }

    /**
     * {@code tf.separableConv2d(x, depthwise, pointwise, stride, 'same') + bias}: a depthwise
     * conv with TF SAME padding, then a 1x1 pointwise conv, then the bias; no activation.
     */
    public static NDArray separableSame(NDArray x, NDArray depthwise, NDArray pointwise, NDArray bias, int stride) {
        NDArray dw = convSame(x, depthwise, null, stride, (int) x.getShape().get(1));
        return conv(dw, pointwise, bias, 1, 1);
    }

    /**
     * {@code tf.separableConv2d(tf.pad(x, p), depthwise, pointwise, 1, 'valid') + bias}: symmetric
     * zero padding {@code p}, depthwise, pointwise, bias.
     */
    public static NDArray separablePadded(NDArray x, int p, NDArray depthwise, NDArray pointwise, NDArray bias) {
        NDArray dw = conv(x, depthwise, null, 1, (int) x.getShape().get(1), p, p);
        return conv(dw, pointwise, bias, 1, 1);
    }

    /**
     * {@code tf.maxPool(x, [k,k], [s,s], 'same')}: padding cells never win (filled with -inf).
     * The 2x2 case (the detector's) is two element-wise maxima of strided views, several times
     * faster on one CPU thread than libtorch's max_pool2d.
     */
    public static NDArray maxPoolSame(NDArray x, int kernel, int stride) {
        NDArray padded = padSame(x, kernel, stride, Double.NEGATIVE_INFINITY);
        if (kernel != 2) {
            return Pool.maxPool2d(padded, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false);
        }
        int h = (int) padded.getShape().get(2);
        int w = (int) padded.getShape().get(3);
        NDArray rows = padded.get(new NDIndex("..., 0:" + (h - 1) + ":" + stride + ", :"))
                .maximum(padded.get(new NDIndex("..., 1:" + h + ":" + stride + ", :")));
        return rows.get(new NDIndex("..., 0:" + (w - 1) + ":" + stride))
                .maximum(rows.get(new NDIndex("..., 1:" + w + ":" + stride)));
    }

    /** Leaky ReLU with TF's slope 0.1. */
    public static NDArray leaky(NDArray x) {
        return Activation.leakyRelu(x, 0.1f);
    }
}
