package io.moments.ingest;

import java.io.Serializable;

/**
 * Bounds every input record must respect. Defaults are the documented contract; all are configurable
 * under {@code moments.ingest.*}.
 *
 * @param maxRecordBytes    largest record accepted (the Kafka default max message is 1 MiB)
 * @param maxMediaBytes     largest decoded media payload
 * @param maxTextChars      longest text message
 * @param maxFutureSkewMs   how far ahead of the wall clock an event time may be
 * @param minTs             earliest event time accepted (epoch ms)
 * @param deadLetterRawCap  how many original bytes a dead letter keeps
 */
public record IngestLimits(
        int maxRecordBytes, int maxMediaBytes, int maxTextChars, long maxFutureSkewMs, long minTs,
        int deadLetterRawCap) implements Serializable {

    public static final IngestLimits DEFAULTS =
            new IngestLimits(1_048_576, 524_288, 4_000, 86_400_000L, 946_684_800_000L, 16_384);

    /** JSON nesting deeper than this is hostile: valid records nest two levels. */
    public static final int MAX_NESTING_DEPTH = 16;
}
