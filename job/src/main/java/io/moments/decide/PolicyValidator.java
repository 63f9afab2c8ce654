package io.moments.decide;

import io.moments.ingest.ControlRecord;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Checks candidate policies from the policy topic before they are broadcast: valid ones go on (and
 * are audited as activated), invalid ones become dead letters ({@code invalid_policy}) listing every
 * problem, and the running policy stays.
 */
public final class PolicyValidator extends ProcessFunction<ControlRecord, String> {

    public static final OutputTag<PolicyChange> POLICY_AUDIT = new OutputTag<>("policy-audit") {};

    private final Duration longestPattern;
    private final int deadLetterRawCap;
    private transient Counter accepted;
    private transient Counter rejected;

    /**
     * @param longestPattern   the session idle timeout: no pattern may span longer
     * @param deadLetterRawCap how many bytes of a refused policy its dead letter keeps (the configured
     *                         {@link io.moments.config.IngestLimits#deadLetterRawCap()})
     */
    public PolicyValidator(Duration longestPattern, int deadLetterRawCap) {
        this.longestPattern = longestPattern;
        this.deadLetterRawCap = deadLetterRawCap;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        accepted = getRuntimeContext().getMetricGroup().counter("policiesAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("policiesRejected");
    }

    @Override
    public void processElement(ControlRecord record, Context ctx, Collector<String> out) {
        long now = System.currentTimeMillis();
        String json = record.json();
        try {
            Policy policy = Policy.parse(json, longestPattern);
            accepted.inc();
            out.collect(policy.json());
            ctx.output(POLICY_AUDIT, PolicyChange.accepted(policy.version(), now));
        } catch (Policy.InvalidPolicyException e) {
            rejected.inc();
            ctx.output(DeadLetterRouter.DEAD_LETTERS, DeadLetter.ofBytes(DeadLetterReason.INVALID_POLICY,
                    e.getMessage(), record.source(), Policy.SCHEMA, null, null, now, json.getBytes(StandardCharsets.UTF_8),
                    deadLetterRawCap, false));
            ctx.output(POLICY_AUDIT, PolicyChange.rejected(e.getMessage(), now));
        }
    }
}
