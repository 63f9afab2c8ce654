package io.moments.bench;

import io.moments.ingest.JobInput;
import io.moments.ingest.Watermarks;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.demo.Persona;
import io.moments.demo.SessionScripts;
import io.moments.demo.SessionScripts.TimedRecord;
import io.moments.ingest.EventParser;
import io.moments.ingest.ParsedRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code sessions} simulated shoppers (the demo's personas and scripts, whole sessions) whose starts
 * are spread over {@link #SPREAD} of event time, in event-time order, through the job's parser. The
 * source emits every record and then stays open without emitting more, so the sessions stay active
 * (idle timeout 30 min) and the watermark stays where live traffic would leave it (10 s behind the
 * newest event) until the benchmark has taken its snapshots and cancels the job.
 */
final class SessionPopulation implements JobInput {

    /** How many records the source has emitted (an accumulator, read while the job runs). */
    static final String EMITTED = "bench-emitted";
    static final Duration SPREAD = Duration.ofMinutes(10);
    private static final long START = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private final int sessions;
    private final long seed;
    private final int records;

    SessionPopulation(int sessions, long seed) {
        this.sessions = sessions;
        this.seed = seed;
        this.records = script(sessions, seed).size();
    }

    int records() {
        return records;
    }

    /** Every session's records, merged in event-time order (deterministic for a seed). */
    static List<TimedRecord> script(int sessions, long seed) {
        Random random = new Random(seed);
        List<TimedRecord> all = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Persona persona = Persona.pick(random);
            long start = START + (long) (random.nextDouble() * SPREAD.toMillis());
            all.addAll(SessionScripts.session(persona, "state-" + i, start, new Random(seed * 7919 + i)));
        }
        all.sort(Comparator.comparingLong(TimedRecord::ts));
        return all;
    }

    @Override
    public DataStream<ParsedRecord> parsedRecords(StreamExecutionEnvironment env, MomentsSettings settings) {
        int permits = records;
        DataGeneratorSource<ParsedRecord> source = new DataGeneratorSource<>(
                new Generator(sessions, seed, new EventParser(settings.limits())),
                // One record more than the script, never released: the source neither ends nor idles out of the job.
                records + 1L, parallelism -> new HoldAfter(permits), TypeInformation.of(ParsedRecord.class));
        // One reader keeps the merged order, so no record is late.
        return env.fromSource(source, Watermarks.watermarks(settings), "Bench: sessions").uid("source-bench")
                .setParallelism(1)
                .map(new CountEmitted()).name("Bench: count emitted").setParallelism(1);
    }

    private static final class Generator implements GeneratorFunction<Long, ParsedRecord> {
        private final int sessions;
        private final long seed;
        private final EventParser parser;
        private transient List<TimedRecord> script;

        Generator(int sessions, long seed, EventParser parser) {
            this.sessions = sessions;
            this.seed = seed;
            this.parser = parser;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            script = script(sessions, seed);
        }

        @Override
        public ParsedRecord map(Long index) {
            TimedRecord r = script.get(index.intValue());
            return parser.parse(r.json().getBytes(StandardCharsets.UTF_8), r.topic(), false, r.ts());
        }
    }

    /** Lets the script through, then never grants another record. */
    private static final class HoldAfter implements RateLimiter<NumberSequenceSplit> {
        private long left;
        private final CompletableFuture<Void> never = new CompletableFuture<>();

        HoldAfter(long permits) {
            this.left = permits;
        }

        @Override
        public CompletionStage<Void> acquire(int permits) {
            if (left < permits) {
                return never;
            }
            left -= permits;
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final class CountEmitted extends RichMapFunction<ParsedRecord, ParsedRecord> {
        private transient LongCounter emitted;

        @Override
        public void open(OpenContext openContext) {
            emitted = getRuntimeContext().getLongCounter(EMITTED);
        }

        @Override
        public ParsedRecord map(ParsedRecord record) {
            emitted.add(1);
            return record;
        }
    }
}
