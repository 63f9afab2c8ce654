package io.moments.models.face;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.Map;

/**
 * A DJL block whose parameters are the tensors of a tfjs weights file, converted to PyTorch
 * layouts when registered. Subclasses say which layout each tensor takes and implement the
 * forward pass with {@link TfOps}; parameters are fixed (inference only).
 */
abstract class TfjsBlock extends AbstractBlock {

    /** How a tfjs tensor is laid out for PyTorch. */
    enum Layout {
        /** HWIO conv or pointwise filter → OIHW. */
        CONV,
        /** HWC1 depthwise filter → (C,1,H,W). */
        DEPTHWISE,
        /** IO dense weights → OI. */
        DENSE,
        /** 1-D bias. */
        VECTOR
    }

    private final Map<String, Parameter> byName = new HashMap<>();

    protected TfjsBlock() {
        super((byte) 1);
    }

    /** Registers one tensor of {@code weights} as a fixed parameter, under its tfjs name. */
    protected final void register(TfjsWeights weights, NDManager manager, String name, Layout layout) {
        NDArray array = switch (layout) {
            case CONV -> weights.conv(manager, name);
            case DEPTHWISE -> weights.depthwise(manager, name);
            case DENSE -> weights.dense(manager, name);
            case VECTOR -> weights.vector(manager, name);
        };
        Parameter p = Parameter.builder()
                .setName(name.replace('/', '_'))
                .setType(layout == Layout.VECTOR ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
                .optArray(array)
                .optRequiresGrad(false)
                .build();
        addParameter(p);
        byName.put(name, p);
    }

    /** Layout convention used by both face-api nets: by the last path element of the name. */
    protected static Layout layoutOf(String name) {
        if (name.endsWith("/bias")) {
            return Layout.VECTOR;
        }
        if (name.endsWith("/depthwise_filter")) {
            return Layout.DEPTHWISE;
        }
        if (name.startsWith("fc/")) {
            return Layout.DENSE;
        }
        return Layout.CONV;
    }

    /** The value of parameter {@code name} on {@code device}, from the predictor's store. */
    protected final NDArray p(ParameterStore store, Device device, String name) {
        Parameter parameter = byName.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return store.getValue(parameter, device, false);
    }

    /** Number of scalar parameters held by this block. */
    public long parameterCount() {
        return getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
