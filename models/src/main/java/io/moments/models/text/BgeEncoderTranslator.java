package io.moments.models.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Pre- and post-processing of the bge-small encoder, for a whole batch of texts at once:
 * tokenises (truncated to {@link TextEncoder#MAX_TOKENS}, padded to the longest text of the
 * batch), feeds {@code input_ids}, {@code attention_mask} and {@code token_type_ids}, and turns
 * {@code last_hidden_state} into one L2-normalised CLS vector per text (bge's pooling).
 */
final class BgeEncoderTranslator implements NoBatchifyTranslator<String[], float[][]> {

    private final HuggingFaceTokenizer tokenizer;

    BgeEncoderTranslator(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String[] texts) {
        if (texts.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int length = encodings[0].getIds().length;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int i = 0; i < batch; i++) {
            Encoding e = encodings[i];
            if (e.getIds().length != length) {
                throw new IllegalStateException("tokenizer did not pad the batch");
            }
            System.arraycopy(e.getIds(), 0, ids, i * length, length);
            System.arraycopy(e.getAttentionMask(), 0, mask, i * length, length);
            System.arraycopy(e.getTypeIds(), 0, types, i * length, length);
        }
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch, length);
        NDArray inputIds = manager.create(ids, shape);
        inputIds.setName("input_ids");
        NDArray attentionMask = manager.create(mask, shape);
        attentionMask.setName("attention_mask");
        NDArray tokenTypeIds = manager.create(types, shape);
        tokenTypeIds.setName("token_type_ids");
        return new NDList(inputIds, attentionMask, tokenTypeIds);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        NDArray hidden = list.get("last_hidden_state");
        if (hidden == null) {
            hidden = list.get(0);
        }
        Shape shape = hidden.getShape();
        int batch = Math.toIntExact(shape.get(0));
        int length = Math.toIntExact(shape.get(1));
        int dim = Math.toIntExact(shape.get(2));
        float[] all = hidden.toFloatArray();
        float[][] out = new float[batch][dim];
        for (int i = 0; i < batch; i++) {
            int offset = i * length * dim; // token 0 = [CLS]
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                float v = all[offset + d];
                norm += (double) v * v;
            }
            float scale = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
            for (int d = 0; d < dim; d++) {
                out[i][d] = all[offset + d] * scale;
            }
        }
        return out;
    }
}
