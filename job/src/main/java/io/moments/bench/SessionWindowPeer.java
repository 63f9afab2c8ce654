package io.moments.bench;

import io.moments.ingest.JobInput;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.ingest.ParsedRecord;
import io.moments.ingest.ShopperEvent;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The benchmark's peer: a bare Flink job of Nexmark q11's shape (bids per bidder in event-time
 * session windows) on Moments' own input — the same generated JSON through the same parser, the
 * same watermarks, state backend, checkpointing and parallelism. Key by session, session windows
 * with the session idle timeout as gap, count, emit one row per window. It does none of what makes
 * Moments: no dedupe, labels, patterns, decisions, audit or lift.
 */
public final class SessionWindowPeer {

    /** One closed session window, as q11 emits it. */
    public record SessionCount(String sessionId, long events, long start, long end) {}

    private SessionWindowPeer() {}

    public static void build(StreamExecutionEnvironment env, MomentsSettings settings, JobInput input) {
        input.parsedRecords(env, settings)
                .filter(ParsedRecord::isValid).name("Peer: valid events")
                .map(ParsedRecord::event).name("Peer: event")
                .keyBy(ShopperEvent::sessionId)
                .window(EventTimeSessionWindows.withGap(settings.session().idle()))
                .aggregate(new Count(), new Emit()).uid("peer-session-count").name("Peer: session windows, count")
                .sinkTo(new DiscardingSink<>()).name("Peer: discard");
    }

    static final class Count implements AggregateFunction<ShopperEvent, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(ShopperEvent event, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    static final class Emit extends ProcessWindowFunction<Long, SessionCount, String, TimeWindow> {
        @Override
        public void process(String sessionId, Context ctx, Iterable<Long> counts, Collector<SessionCount> out) {
            out.collect(new SessionCount(sessionId, counts.iterator().next(), ctx.window().getStart(), ctx.window().getEnd()));
        }
    }
}
