package io.moments.models.face;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class TfjsWeightsTest {

    @Test
    void expressionNetHasTheDocumentedParameterCount() {
        TfjsWeights w = TfjsWeights.fromResources(FaceExpressionNet.MANIFEST);
        assertThat(w.parameterCount()).isEqualTo(323_687L);
        // block 0: conv (filters, bias) + 3 separable (depthwise, pointwise, bias); blocks 1-3: 4 separable; fc
        assertThat(w.tensors()).hasSize(2 + 3 * 3 + 3 * 4 * 3 + 2);
        assertThat(w.get("dense0/conv0/filters").shape()).containsExactly(3, 3, 3, 32);
        assertThat(w.get("dense3/conv3/pointwise_filter").shape()).containsExactly(1, 1, 256, 256);
        assertThat(w.get("fc/weights").shape()).containsExactly(256, 7);
    }

    @Test
    void detectorHasOneParameterPerStoredByte() {
        TfjsWeights w = TfjsWeights.fromResources(TinyFaceDetectorNet.MANIFEST);
        // every tensor of the detector, biases included, is uint8-quantized: one byte per parameter
        assertThat(w.parameterCount()).isEqualTo(193_321L);
        assertThat(w.get("conv8/filters").shape()).containsExactly(1, 1, 512, 25);
    }

    @Test
    void portedBlocksHoldEveryParameter() {
        try (FaceAnalyzer analyzer = new FaceAnalyzer()) {
            assertThat(analyzer.expressionParameterCount()).isEqualTo(323_687L);
            assertThat(analyzer.detectorParameterCount()).isEqualTo(193_321L);
        }
    }

    @Test
    void dequantizesAsQTimesScalePlusMin() throws IOException {
        TfjsWeights w = TfjsWeights.fromResources(FaceExpressionNet.MANIFEST);
        byte[] bin;
        try (InputStream in = TfjsWeights.class.getResourceAsStream("face_expression_model.bin")) {
            bin = in.readAllBytes();
        }
        // dense0/conv0/filters is the first tensor; manifest: scale 0.0057930146946626555, min -0.7125408074435067
        float[] data = w.get("dense0/conv0/filters").data();
        for (int i : new int[] {0, 1, 100, data.length - 1}) {
            double expected = (bin[i] & 0xff) * 0.0057930146946626555 + -0.7125408074435067;
            assertThat((double) data[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
        }
        // the second tensor (a float32 bias) starts right after 3*3*3*32 bytes
        float bias0 = java.nio.ByteBuffer.wrap(bin, 864, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(w.get("dense0/conv0/bias").data()[0]).isEqualTo(bias0);
    }

    @Test
    void hwioToOihwMovesEachElement() {
        int h = 2;
        int wd = 3;
        int in = 4;
        int out = 5;
        float[] hwio = new float[h * wd * in * out];
        for (int i = 0; i < hwio.length; i++) {
            hwio[i] = i;
        }
        float[] oihw = TfjsWeights.hwioToOihw(hwio, h, wd, in, out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < wd; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        assertThat(oihw[((o * in + i) * h + y) * wd + x]).isEqualTo(hwio[((y * wd + x) * in + i) * out + o]);
                    }
                }
            }
        }
    }

    @Test
    void blocksLoadIntoADjlModel() {
        try (Model model = Model.newInstance("t", "PyTorch")) {
            FaceExpressionNet net = new FaceExpressionNet(TfjsWeights.fromResources(FaceExpressionNet.MANIFEST),
                    model.getNDManager());
            assertThat(net.getParameters().get("dense0_conv0_filters").getArray().getShape().getShape())
                    .containsExactly(32, 3, 3, 3); // OIHW
            assertThat(net.getParameters().get("dense1_conv0_depthwise_filter").getArray().getShape().getShape())
                    .containsExactly(32, 1, 3, 3); // C,1,H,W
            assertThat(net.getParameters().get("fc_weights").getArray().getShape().getShape())
                    .containsExactly(7, 256); // OI
        }
    }
}
