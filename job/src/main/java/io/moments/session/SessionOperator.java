package io.moments.session;

import io.moments.decide.Decision;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

import java.util.List;

/**
 * The session stage's operator: Flink's keyed-broadcast operator around {@link SessionProcessor},
 * which lets the processor's state cache write back — a session's state is written to the state
 * backend once before each checkpoint barrier (and when evicted), not on every event. Built with
 * {@code ConnectedStreams#transform} because {@code BroadcastConnectedStream} takes only a function.
 */
public final class SessionOperator extends CoBroadcastWithKeyedOperator<String, SessionInput, String, Decision> {

    public SessionOperator(SessionProcessor processor) {
        super(processor, List.of(SessionProcessor.POLICY_STATE));
    }

    @Override
    public void open() throws Exception {
        super.open();
        ((SessionProcessor) getUserFunction()).writeBackWith(this::setCurrentKey);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        // Before the barrier goes downstream and before the keyed state is snapshotted.
        ((SessionProcessor) getUserFunction()).writeBack();
        super.prepareSnapshotPreBarrier(checkpointId);
    }
}
