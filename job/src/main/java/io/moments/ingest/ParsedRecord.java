package io.moments.ingest;

/** What the parser makes of one input record: either a valid event or a dead letter, never both. */
public record ParsedRecord(ShopperEvent event, DeadLetter deadLetter) {

    public static ParsedRecord valid(ShopperEvent event) {
        return new ParsedRecord(event, null);
    }

    public static ParsedRecord dead(DeadLetter deadLetter) {
        return new ParsedRecord(null, deadLetter);
    }

    public boolean isValid() {
        return event != null;
    }

    /** Event time for watermarking; dead letters never move the watermark. */
    public long eventTimeOrMin() {
        return event == null ? Long.MIN_VALUE : event.ts();
    }
}
