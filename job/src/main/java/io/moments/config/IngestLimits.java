package io.moments.config;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;

/**
 * Bounds every input record must respect. Defaults are the documented contract; all are configurable
 * under {@code moments.ingest.*} and {@code moments.dead-letters.max-raw-bytes}.
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

    /** The options' defaults. */
    public static final IngestLimits DEFAULTS = from(new Configuration());

    /** Event times before 2000-01-01 are not shopper events: a clock or encoding error. */
    public static final long EARLIEST_TS = 946_684_800_000L;

    public static IngestLimits from(ReadableConfig c) {
        return new IngestLimits(c.get(MomentsOptions.MAX_RECORD_BYTES), c.get(MomentsOptions.MAX_MEDIA_BYTES),
                c.get(MomentsOptions.MAX_TEXT_CHARS), c.get(MomentsOptions.MAX_FUTURE_SKEW).toMillis(), EARLIEST_TS,
                c.get(MomentsOptions.DEAD_LETTER_RAW_BYTES));
    }

    /** JSON nesting deeper than this is hostile: valid records nest two levels. */
    public static final int MAX_NESTING_DEPTH = 16;
}
