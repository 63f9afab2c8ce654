package io.moments.models.voice;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Silero VAD (v6.2 ONNX, MIT, committed beside this class with its license) on DJL's OnnxRuntime engine.
 *
 * <p>The ONNX graph (checked with OnnxRuntime's session info) takes {@code input} float [batch, 576]
 * (64 samples of context from the previous window + a 512-sample window at 16 kHz), {@code state}
 * float [2, batch, 128] and {@code sr} int64 scalar; it returns {@code output} float [batch, 1] (speech
 * probability of the window) and {@code stateN} [2, batch, 128]. Windows are fed in order, carrying state
 * and context, exactly as Silero's own {@code OnnxWrapper} does; several independent audios can share one
 * call as rows of the batch.
 *
 * <p>Thread safety: the model is shared; each thread needs its own {@link Runner} (a DJL predictor).
 */
public final class SileroVad implements AutoCloseable {

    /** Model file on the classpath. */
    public static final String RESOURCE = "/io/moments/models/voice/silero_vad.onnx";
    /** Samples per VAD window at 16 kHz (32 ms). */
    public static final int WINDOW = 512;
    static final int CONTEXT = 64;
    static final int STATE = 128;

    private final ZooModel<Step, StepResult> model;

    /** One VAD call: {@code batch} rows of {@code CONTEXT + WINDOW} samples and the recurrent state. */
    record Step(int batch, float[] windows, float[] state) {
    }

    /** Per-row speech probability and the new recurrent state. */
    record StepResult(float[] probabilities, float[] state) {
    }

    /** Translator between Java arrays and the three named ONNX inputs / two outputs. */
    static final class StepTranslator implements NoBatchifyTranslator<Step, StepResult> {
        @Override
        public NDList processInput(TranslatorContext ctx, Step step) {
            NDManager manager = ctx.getNDManager();
            NDArray input = manager.create(step.windows(), new Shape(step.batch(), CONTEXT + WINDOW));
            input.setName("input");
            NDArray state = manager.create(step.state(), new Shape(2, step.batch(), STATE));
            state.setName("state");
            NDArray sr = manager.create((long) Pcm16.SAMPLE_RATE);
            sr.setName("sr");
            return new NDList(input, state, sr);
        }

        @Override
        public StepResult processOutput(TranslatorContext ctx, NDList list) {
            // outputs are named "output" and "stateN"; fall back to graph order if names are missing
            NDArray prob = list.get("output") != null ? list.get("output") : list.get(0);
            NDArray state = list.get("stateN") != null ? list.get("stateN") : list.get(1);
            return new StepResult(prob.toFloatArray(), state.toFloatArray());
        }
    }

    private SileroVad(ZooModel<Step, StepResult> model) {
        this.model = model;
    }

    /** Loads the committed model through DJL Criteria (OnnxRuntime engine, 1 intra-/inter-op thread). */
    public static SileroVad load() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("moments-silero");
            Path file = dir.resolve("silero_vad.onnx");
            try (InputStream in = SileroVad.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Criteria<Step, StepResult> criteria = Criteria.builder()
                    .setTypes(Step.class, StepResult.class)
                    .optEngine("OnnxRuntime")
                    .optModelPath(file)
                    .optModelName("silero_vad")
                    .optOption("interOpNumThreads", "1")
                    .optOption("intraOpNumThreads", "1")
                    .optTranslator(new StepTranslator())
                    .build();
            return new SileroVad(criteria.loadModel());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("cannot load Silero VAD", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // the session already holds the model in memory; a leftover temp file is harmless
        }
    }

    /** A per-thread runner (wraps one DJL predictor). Not thread-safe. */
    public Runner newRunner() {
        return new Runner(model.newPredictor());
    }

    @Override
    public void close() {
        model.close();
    }

    /** Runs the VAD over whole audios. Not thread-safe: one per thread. */
    public static final class Runner implements AutoCloseable {
        private final Predictor<Step, StepResult> predictor;

        Runner(Predictor<Step, StepResult> predictor) {
            this.predictor = predictor;
        }

        /** Speech probability per 512-sample window (the last one zero-padded) of one audio. */
        public float[] probabilities(float[] audio) {
            return probabilities(List.of(audio)).get(0);
        }

        /**
         * Speech probabilities of several independent audios, run as rows of one batch (each row has its
         * own state, starting from zero). Shorter audios are zero-padded; their extra windows are dropped.
         */
        public List<float[]> probabilities(List<float[]> audios) {
            int batch = audios.size();
            List<float[]> out = new ArrayList<>(batch);
            int maxFrames = 0;
            for (float[] a : audios) {
                int frames = (a.length + WINDOW - 1) / WINDOW;
                out.add(new float[frames]);
                maxFrames = Math.max(maxFrames, frames);
            }
            int row = CONTEXT + WINDOW;
            float[] windows = new float[batch * row];
            float[] state = new float[2 * batch * STATE];
            try {
                for (int f = 0; f < maxFrames; f++) {
                    for (int b = 0; b < batch; b++) {
                        int off = b * row;
                        // the last 64 samples of the previous window become this window's context
                        System.arraycopy(windows, off + WINDOW, windows, off, CONTEXT);
                        float[] a = audios.get(b);
                        int from = f * WINDOW;
                        int n = Math.max(0, Math.min(WINDOW, a.length - from));
                        if (n > 0) {
                            System.arraycopy(a, from, windows, off + CONTEXT, n);
                        }
                        java.util.Arrays.fill(windows, off + CONTEXT + n, off + row, 0f);
                    }
                    StepResult r = predictor.predict(new Step(batch, windows, state));
                    state = r.state();
                    for (int b = 0; b < batch; b++) {
                        float[] probs = out.get(b);
                        if (f < probs.length) {
                            probs[f] = r.probabilities()[b];
                        }
                    }
                }
            } catch (TranslateException e) {
                throw new IllegalStateException("Silero VAD inference failed", e);
            }
            return out;
        }

        @Override
        public void close() {
            predictor.close();
        }
    }

    /**
     * Speech segments (in samples, end exclusive) from window probabilities; the algorithm of Silero's
     * {@code get_speech_timestamps} (hysteresis, min speech/silence, padding) without max-length splitting.
     */
    public static List<int[]> segments(float[] probabilities, int numSamples, VadSettings s) {
        int sr = Pcm16.SAMPLE_RATE;
        long minSpeech = (long) sr * s.minSpeechMs() / 1000;
        long minSilence = (long) sr * s.minSilenceMs() / 1000;
        int pad = sr * s.speechPadMs() / 1000;
        List<int[]> speeches = new ArrayList<>();
        boolean triggered = false;
        int start = 0;
        int tempEnd = -1;
        for (int i = 0; i < probabilities.length; i++) {
            float p = probabilities[i];
            int cur = i * WINDOW;
            if (p >= s.threshold() && tempEnd >= 0) {
                tempEnd = -1;
            }
            if (p >= s.threshold() && !triggered) {
                triggered = true;
                start = cur;
                continue;
            }
            if (p < s.negThreshold() && triggered) {
                if (tempEnd < 0) {
                    tempEnd = cur;
                }
                if (cur - tempEnd < minSilence) {
                    continue;
                }
                if (tempEnd - start > minSpeech) {
                    speeches.add(new int[] {start, tempEnd});
                }
                triggered = false;
                tempEnd = -1;
            }
        }
        if (triggered && numSamples - start > minSpeech) {
            speeches.add(new int[] {start, numSamples});
        }
        for (int i = 0; i < speeches.size(); i++) {
            int[] sp = speeches.get(i);
            if (i == 0) {
                sp[0] = Math.max(0, sp[0] - pad);
            }
            if (i != speeches.size() - 1) {
                int[] next = speeches.get(i + 1);
                int gap = next[0] - sp[1];
                if (gap < 2 * pad) {
                    sp[1] += gap / 2;
                    next[0] = Math.max(0, next[0] - gap / 2);
                } else {
                    sp[1] = Math.min(numSamples, sp[1] + pad);
                    next[0] = Math.max(0, next[0] - pad);
                }
            } else {
                sp[1] = Math.min(numSamples, sp[1] + pad);
            }
        }
        return speeches;
    }
}
