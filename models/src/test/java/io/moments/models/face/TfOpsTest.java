package io.moments.models.face;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** TensorFlow "SAME" padding: the detail that changes answers when ported naively. */
class TfOpsTest {

    @Test
    void samePaddingPadsOnlyBottomRightForStride2OnEvenInput() {
        // expression net: stride-2 3x3 convs on 112, 56, 28, 14
        assertThat(TfOps.samePadding(112, 3, 2)).containsExactly(0, 1);
        assertThat(TfOps.samePadding(14, 3, 2)).containsExactly(0, 1);
        // stride 1 3x3: symmetric
        assertThat(TfOps.samePadding(56, 3, 1)).containsExactly(1, 1);
        // odd input with stride 2: symmetric 1 each side
        assertThat(TfOps.samePadding(7, 3, 2)).containsExactly(1, 1);
        // detector max-pools 2x2: nothing on even sizes, one at the end on odd ones and with stride 1
        assertThat(TfOps.samePadding(414, 2, 2)).containsExactly(0, 0);
        assertThat(TfOps.samePadding(207, 2, 2)).containsExactly(0, 1);
        assertThat(TfOps.samePadding(13, 2, 1)).containsExactly(0, 1);
        // 1x1: never
        assertThat(TfOps.samePadding(7, 1, 1)).containsExactly(0, 0);
    }

    @Test
    void stride2ConvolutionMatchesTensorFlowNotSymmetricPadding() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.ones(new Shape(1, 1, 4, 4));
            NDArray w = m.ones(new Shape(1, 1, 3, 3));
            NDArray b = m.zeros(new Shape(1));
            float[] out = TfOps.conv2dSame(x, w, b, 2).toFloatArray();
            // TF: windows start at 0 and 2; only the second row/column reaches the padding
            assertThat(out).containsExactly(9f, 6f, 6f, 4f);
            // what a symmetric padding of 1 (PyTorch padding=1) would give instead
            float[] symmetric = TfOps.conv(TfOps.pad(x, 1), w, b, 2, 1).toFloatArray();
            assertThat(symmetric).containsExactly(4f, 6f, 6f, 9f);
        }
    }

    @Test
    void padSameUsesDjlAxisOrderLeftRightTopBottom() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.arange(1f, 7f).reshape(1, 1, 2, 3); // 2 rows, 3 columns
            NDArray p = TfOps.padSame(x, 2, 2, -1); // rows: 2 -> (0,0); columns: 3 -> (0,1)
            assertThat(p.getShape()).isEqualTo(new Shape(1, 1, 2, 4));
            assertThat(p.toFloatArray()).containsExactly(1f, 2f, 3f, -1f, 4f, 5f, 6f, -1f);
        }
    }

    @Test
    void maxPoolSamePaddingNeverWins() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.full(new Shape(1, 1, 3, 3), -5f);
            NDArray pooled = TfOps.maxPoolSame(x, 2, 2);
            assertThat(pooled.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
            assertThat(pooled.toFloatArray()).containsOnly(-5f); // zero padding would have made the last row/column 0
            NDArray stride1 = TfOps.maxPoolSame(m.arange(1f, 10f).reshape(1, 1, 3, 3), 2, 1);
            assertThat(stride1.toFloatArray()).containsExactly(5f, 6f, 6f, 8f, 9f, 9f, 8f, 9f, 9f);
        }
    }

    @Test
    void leakyReluSlopeIsOneTenth() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertThat(TfOps.leaky(m.create(new float[] {-2f, 0f, 3f})).toFloatArray())
                    .containsExactly(-0.2f, 0f, 3f);
        }
    }
}
