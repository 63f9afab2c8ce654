package io.moments.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.moments.bench.InferenceItems.Modality;
import io.moments.config.MomentsSettings;
import io.moments.inference.BatchingInferenceOperator;
import io.moments.inference.ModelScorer;
import io.moments.inference.Scorer;
import io.moments.ingest.ShopperEvent;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.FileUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code bench inference}: one model on the same items, measured three ways in one run.
 * <ul>
 *   <li><b>batched</b>: the job's {@link BatchingInferenceOperator} with the job's max-batch and
 *       max-wait, in a Flink pipeline (source → operator → discarding sink, parallelism 1);</li>
 *   <li><b>naive</b>: {@link NaiveInferenceFunction} (one model call per record) in the same pipeline;</li>
 *   <li><b>bare</b>: the same scorer in a loop without Flink, in batches of the operator's max-batch.</li>
 * </ul>
 * The three ways run with the text cache off, so every item is a model call. For text, the bare loop
 * then runs once more with every input already in the cache ({@code moments.inference.text-cache-entries}):
 * the cost of a text seen before.
 * Each way first scores {@code warmup} items; only the items after them are timed, so job start-up,
 * model loading and JIT warm-up are not in the figures (model loading is reported on its own). The
 * ways take turns for a number of rounds and each reports its best round.
 */
public final class InferenceBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferenceBench() {}

    /** One run of one way: items timed, how long they took, and how many got a signal in the whole run. */
    record Way(long timedItems, double timedSeconds, long scored, double wallSeconds) {
        double perSecond() {
            return timedItems / timedSeconds;
        }
    }

    /**
     * Runs the three ways and returns one JSON line.
     *
     * @param conf      the job's Flink and {@code moments.*} configuration (max-batch, max-wait, watermarks)
     * @param modelsDir the repository's {@code models} directory (the inputs are read from there)
     */
    public static String run(Configuration conf, Modality modality, long items, long warmup, int rounds, Path modelsDir)
            throws Exception {
        if (items < 1 || warmup < 1 || rounds < 1) {
            throw new IllegalArgumentException("items, warm-up and rounds must be positive");
        }
        InferenceItems inputs = InferenceItems.load(modality, modelsDir);
        MomentsSettings settings = MomentsSettings.from(conf);
        int maxBatch = settings.inference().maxBatch();
        long maxWaitMs = settings.inference().maxWait().toMillis();

        Rounds r = rounds(conf, modality, inputs, items, warmup, rounds, settings, maxBatch, maxWaitMs);
        return JSON.writeValueAsString(line(modality, inputs, items, warmup, r, maxBatch, maxWaitMs));
    }

    /**
     * Every round's figures of the three ways, how long the bare way took to load its model, and for
     * text the bare way again with every text already in the model's cache (null otherwise).
     */
    private record Rounds(List<Way> batched, List<Way> naive, List<Way> bare, double loadSeconds, Way cacheHits) {}

    private static Rounds rounds(Configuration conf, Modality modality, InferenceItems inputs, long items, long warmup,
                                 int rounds, MomentsSettings settings, int maxBatch, long maxWaitMs) throws Exception {
        // Whatever runs first in a JVM pays for JIT compilation of the shared model code; rounds
        // (each way once per round, in turn) keep that from favouring the ways that run later.
        List<Way> batched = new ArrayList<>();
        List<Way> naive = new ArrayList<>();
        List<Way> bare = new ArrayList<>();
        double loadSeconds = 0;
        for (int round = 0; round < rounds; round++) {
            batched.add(inFlink(conf, "batched", inputs, items, warmup, settings, events -> events
                    .transform("Inference: " + modality.wireName() + " (batching operator)",
                            TypeInformation.of(ShopperEvent.class),
                            new BatchingInferenceOperator(List.of(modality.newScorer()), maxBatch, maxWaitMs))));
            naive.add(inFlink(conf, "naive", inputs, items, warmup, settings, events -> events
                    .flatMap(new NaiveInferenceFunction(modality.newScorer()))
                    .name("Inference: " + modality.wireName() + " (one call per record)")));
            Scorer scorer = modality.newScorer();
            long loadStart = System.nanoTime();
            scorer.open();
            loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            try {
                bare.add(bare(scorer, inputs, items, warmup, maxBatch));
            } finally {
                scorer.close();
            }
        }
        return new Rounds(batched, naive, bare, loadSeconds,
                modality == Modality.TEXT ? cacheHits(inputs, items, maxBatch) : null);
    }

    private static ObjectNode line(Modality modality, InferenceItems inputs, long items, long warmup, Rounds r,
                                   int maxBatch, long maxWaitMs) {
        double batchedRate = best(r.batched());
        double naiveRate = best(r.naive());
        double bareRate = best(r.bare());
        int last = r.batched().size() - 1;
        ObjectNode line = JSON.createObjectNode();
        line.put("bench", "inference");
        line.put("modality", modality.wireName());
        line.put("items", items);
        line.put("warmup_items", warmup);
        line.put("rounds", r.batched().size());
        line.put("distinct_inputs", inputs.distinct());
        line.put(modality == Modality.TEXT ? "mean_input_chars" : "mean_input_bytes", Math.round(inputs.meanInputSize()));
        line.put("batched_items_per_sec", round(batchedRate, 1));
        line.put("naive_items_per_sec", round(naiveRate, 1));
        line.put("bare_items_per_sec", round(bareRate, 1));
        // Parallelism 1 and single-threaded engines: the batched way keeps one core busy.
        line.put("items_per_sec_per_core", round(batchedRate, 1));
        line.put("batched_vs_naive", round(batchedRate / naiveRate, 3));
        line.put("batched_vs_bare", round(batchedRate / bareRate, 3));
        rates(line, "batched", r.batched());
        rates(line, "naive", r.naive());
        rates(line, "bare", r.bare());
        if (r.cacheHits() != null) {
            // What a repeated text costs: the texts come out of the text cache, not the model.
            line.put("cache_hit_items_per_sec", round(r.cacheHits().perSecond(), 1));
            line.put("cache_hit_vs_bare", round(r.cacheHits().perSecond() / bareRate, 1));
        }
        line.put("max_batch", maxBatch);
        line.put("max_wait_ms", maxWaitMs);
        line.put("bare_batch", maxBatch);
        line.put("parallelism", 1);
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("pytorch_threads", System.getProperty("ai.djl.pytorch.num_threads", "unset"));
        line.put("batched_scored", r.batched().get(last).scored());
        line.put("naive_scored", r.naive().get(last).scored());
        line.put("bare_scored", r.bare().get(last).scored());
        line.put("batched_wall_s", round(r.batched().get(0).wallSeconds(), 2));
        line.put("naive_wall_s", round(r.naive().get(0).wallSeconds(), 2));
        line.put("bare_model_load_s", round(r.loadSeconds(), 2));
        line.put("timed", "items after the warm-up, best of the rounds; job start-up, model loading and warm-up "
                + "excluded (wall_s, first round, includes them)");
        return line;
    }

    private static double best(List<Way> ways) {
        return ways.stream().mapToDouble(Way::perSecond).max().orElseThrow();
    }

    private static void rates(ObjectNode line, String way, List<Way> ways) {
        ArrayNode rates = line.putArray(way + "_items_per_sec_by_round");
        for (Way w : ways) {
            rates.add(round(w.perSecond(), 1));
        }
    }

    private static Way inFlink(Configuration base, String way, InferenceItems inputs, long items, long warmup,
                               MomentsSettings settings, UnaryOperator<DataStream<ShopperEvent>> underTest)
            throws Exception {
        Configuration conf = new Configuration(base);
        Path checkpoints = Files.createTempDirectory("moments-bench-inference");
        try {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            conf.removeKey("metrics.reporter.prom.factory.class");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            // The job's watermarking (bounded out-of-orderness, periodic): the operator flushes on each watermark.
            WatermarkStrategy<ShopperEvent> watermarks = WatermarkStrategy
                    .<ShopperEvent>forBoundedOutOfOrderness(settings.outOfOrderness())
                    .withTimestampAssigner((event, ignored) -> event.ts())
                    .withIdleness(settings.idleness());
            DataStream<ShopperEvent> events = env.fromSource(
                    new DataGeneratorSource<>(inputs, warmup + items, TypeInformation.of(ShopperEvent.class)),
                    watermarks, "Bench: " + inputs.modality().wireName());
            underTest.apply(events)
                    .map(new TimingProbe(warmup)).name("Bench: timing probe")
                    .sinkTo(new DiscardingSink<>()).name("Discard");
            long start = System.nanoTime();
            JobExecutionResult result = env.execute("moments-bench-inference-" + way);
            double wall = (System.nanoTime() - start) / 1e9;
            long seen = result.<Long>getAccumulatorResult(TimingProbe.ITEMS);
            long scored = result.<Long>getAccumulatorResult(TimingProbe.SCORED);
            long nanos = result.<Long>getAccumulatorResult(TimingProbe.TIMED_NANOS);
            return new Way(seen - warmup, nanos / 1e9, scored, wall);
        } finally {
            FileUtils.deleteDirectoryQuietly(checkpoints.toFile());
        }
    }

    private static Way bare(Scorer scorer, InferenceItems inputs, long items, long warmup, int batch) throws Exception {
        long start = System.nanoTime();
        long scored = score(scorer, inputs, 0, warmup, batch);
        long timedStart = System.nanoTime();
        scored += score(scorer, inputs, warmup, warmup + items, batch);
        long end = System.nanoTime();
        return new Way(items, (end - timedStart) / 1e9, scored, (end - start) / 1e9);
    }

    /**
     * The bare way with a text cache that already holds every distinct input (one untimed pass fills
     * it), so each timed item is a hit: the cost of a repeated text.
     */
    private static Way cacheHits(InferenceItems inputs, long items, int batch) throws Exception {
        try (Scorer scorer = ModelScorer.text(inputs.distinct())) {
            scorer.open();
            long start = System.nanoTime();
            long scored = score(scorer, inputs, 0, inputs.distinct(), batch);
            long timedStart = System.nanoTime();
            scored += score(scorer, inputs, 0, items, batch);
            long end = System.nanoTime();
            return new Way(items, (end - timedStart) / 1e9, scored, (end - start) / 1e9);
        }
    }

    private static long score(Scorer scorer, InferenceItems inputs, long from, long to, int batch) throws Exception {
        long scored = 0;
        for (long i = from; i < to; i += batch) {
            for (Scorer.Result r : scorer.score(inputs.items(i, Math.min(to, i + batch)))) {
                if (r.event() != null) {
                    scored++;
                }
            }
        }
        return scored;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
