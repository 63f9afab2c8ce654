package io.moments.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.ingest.ControlRecord;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterReason;
import io.moments.ingest.DeadLetterRouter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.nio.charset.StandardCharsets;

/**
 * Parses {@code erasure/v1} requests: {@code {"schema":"erasure/v1","requestId":..,"sessionId":..}} or
 * with {@code userId} instead of {@code sessionId}. Anything else is a dead letter.
 */
public final class ErasureParser extends ProcessFunction<ControlRecord, ErasureRequest> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int deadLetterRawCap;

    /** {@code deadLetterRawCap}: bytes of a refused request its dead letter keeps (moments.dead-letters.max-raw-bytes). */
    public ErasureParser(int deadLetterRawCap) {
        this.deadLetterRawCap = deadLetterRawCap;
    }

    @Override
    public void processElement(ControlRecord record, Context ctx, Collector<ErasureRequest> out) {
        String raw = record.json();
        long now = System.currentTimeMillis();
        String problem;
        try {
            JsonNode n = JSON.readTree(raw);
            String session = n.path("sessionId").isTextual() ? n.get("sessionId").asText() : null;
            String user = n.path("userId").isTextual() ? n.get("userId").asText() : null;
            if (!ErasureRequest.SCHEMA.equals(n.path("schema").asText())) {
                problem = "schema must be " + ErasureRequest.SCHEMA;
            } else if (!n.path("requestId").isTextual()) {
                problem = "requestId is required";
            } else if ((session == null) == (user == null)) {
                problem = "exactly one of sessionId and userId is required";
            } else {
                out.collect(new ErasureRequest(n.get("requestId").asText(), session, user, now));
                return;
            }
        } catch (Exception e) {
            problem = "not JSON";
        }
        ctx.output(DeadLetterRouter.DEAD_LETTERS, DeadLetter.ofBytes(DeadLetterReason.INVALID_FIELD, problem, record.source(),
                ErasureRequest.SCHEMA, null, null, now, raw.getBytes(StandardCharsets.UTF_8), deadLetterRawCap, false));
    }
}
