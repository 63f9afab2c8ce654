package io.moments.privacy;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Per user id, the sessions seen with it (state TTL as long as session state lives), so an erasure
 * request by user id can reach every session of that user. Emits one session-addressed request per
 * known session and then forgets the user.
 */
public final class UserSessionIndex extends KeyedProcessFunction<String, UserSessionIndex.Entry, ErasureRequest> {

    /** Either a (user, session) link seen in traffic, or an erasure request for the user. */
    public record Entry(String userId, String sessionId, ErasureRequest erasure) {}

    private final Duration ttl;
    private transient MapState<String, Boolean> sessions;

    public UserSessionIndex(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Boolean> d = new MapStateDescriptor<>("user-sessions", String.class, Boolean.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
        sessions = getRuntimeContext().getMapState(d);
    }

    @Override
    public void processElement(Entry entry, Context ctx, Collector<ErasureRequest> out) throws Exception {
        if (entry.erasure() == null) {
            if (!sessions.contains(entry.sessionId())) {
                sessions.put(entry.sessionId(), Boolean.TRUE);
            }
            return;
        }
        List<String> known = new ArrayList<>();
        for (String session : sessions.keys()) {
            known.add(session);
        }
        for (String session : known) {
            out.collect(entry.erasure().forSession(session));
        }
        sessions.clear();
    }
}
