package io.moments.models.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures scoring throughput on one thread (ONNX Runtime and PyTorch both single-threaded):
 *
 * <pre>
 * ./mvnw -pl models -q compile exec:java -Dexec.mainClass=io.moments.models.text.TextThroughput [-Dexec.args=SECONDS]
 * </pre>
 *
 * <p>Scores the dataset's utterances (short texts, 2–40 words) and, separately, texts long enough
 * to be truncated at {@value TextEncoder#MAX_TOKENS} tokens, at batch sizes 1, 16 and 32, in both
 * {@link TextEmotionModel.Batching} modes, for
 * SECONDS (default 10) per setting after a warm-up, and prints sentences per second.
 */
public final class TextThroughput {

    private TextThroughput() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Path moduleDir = TrainTextHead.moduleDir(new String[0]);
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", moduleDir.resolve("target/djl-cache").toAbsolutePath().toString());
        }
        io.moments.models.DjlDefaults.apply();
        List<String> shortTexts = new ArrayList<>();
        for (Utterance u : Utterances.read(moduleDir.resolve(Utterances.DATA_FILE))) {
            shortTexts.add(u.text());
        }
        List<String> longTexts = new ArrayList<>();
        for (int i = 0; i + 8 <= shortTexts.size(); i += 8) {
            longTexts.add(String.join(" ", shortTexts.subList(i, i + 8))); // ~100-200 tokens, truncated to 128
        }
        System.out.printf(Locale.ROOT, "cores available: %d, java %s, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.arch"));
        for (TextEmotionModel.Batching batching : TextEmotionModel.Batching.values()) {
            long loadStart = System.nanoTime();
            try (TextEmotionModel model = TextEmotionModel.load(1, batching);
                    TextEmotionPredictor predictor = model.newPredictor()) {
                System.out.printf(Locale.ROOT, "%-8s loaded in %.2f s%n", batching, (System.nanoTime() - loadStart) / 1e9);
                run(predictor, shortTexts, 16, 2); // warm-up
                for (int batch : new int[] {1, 16, 32}) {
                    report(batching, "short", batch, run(predictor, shortTexts, batch, seconds));
                }
                for (int batch : new int[] {1, 16}) {
                    report(batching, "128-token", batch, run(predictor, longTexts, batch, seconds));
                }
            }
        }
    }

    private static void report(TextEmotionModel.Batching batching, String kind, int batch, double perSecond) {
        System.out.printf(Locale.ROOT, "%-8s %-9s texts, batch %2d: %7.1f sentences/s (%.2f ms per sentence)%n",
                batching, kind, batch, perSecond, 1000 / perSecond);
    }

    private static double run(TextEmotionPredictor predictor, List<String> texts, int batch, double seconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long count = 0;
        int next = 0;
        long now;
        do {
            List<String> chunk = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                chunk.add(texts.get(next));
                next = (next + 1) % texts.size();
            }
            predictor.score(chunk);
            count += batch;
            now = System.nanoTime();
        } while (now < deadline);
        return count / ((now - start) / 1e9);
    }
}
