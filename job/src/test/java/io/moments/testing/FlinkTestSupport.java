package io.moments.testing;

import io.moments.ingest.ShopperEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A shared Flink MiniCluster for tests, and helpers to feed it events. */
public final class FlinkTestSupport {

    private FlinkTestSupport() {}

    public static MiniClusterExtension miniCluster() {
        Configuration conf = new Configuration();
        conf.setString("pipeline.generic-types", "false");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(conf).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** A stream of events with event-time timestamps and a 10 s out-of-orderness bound, in the given order. */
    public static DataStream<ShopperEvent> events(StreamExecutionEnvironment env, List<ShopperEvent> events) {
        return env.fromData(TypeInformation.of(ShopperEvent.class), events.toArray(ShopperEvent[]::new))
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<ShopperEvent>forBoundedOutOfOrderness(Duration.ofSeconds(10))
                        .withTimestampAssigner((e, ts) -> e.ts()));
    }

    /**
     * The events reordered as a network might deliver them: each moved by up to {@code boundMs} of
     * event time (so no event arrives later than the watermark bound allows).
     */
    public static <T> List<T> shuffledWithin(List<T> inOrder, java.util.function.ToLongFunction<T> ts, long boundMs, long seed) {
        Random random = new Random(seed);
        List<long[]> keyed = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            keyed.add(new long[]{ts.applyAsLong(inOrder.get(i)) + (long) (random.nextDouble() * boundMs * 0.9), i});
        }
        keyed.sort((a, b) -> Long.compare(a[0], b[0]));
        List<T> out = new ArrayList<>();
        for (long[] k : keyed) {
            out.add(inOrder.get((int) k[1]));
        }
        if (out.equals(inOrder) && out.size() > 1) {
            Collections.swap(out, 0, 1); // always exercise at least one inversion
        }
        return out;
    }
}
