package io.moments.ingest;

/** What the parser makes of one input record: a valid event, a control record or a dead letter (exactly one). */
public record ParsedRecord(ShopperEvent event, DeadLetter deadLetter, ControlRecord control) {

    public static ParsedRecord valid(ShopperEvent event) {
        return new ParsedRecord(event, null, null);
    }

    public static ParsedRecord dead(DeadLetter deadLetter) {
        return new ParsedRecord(null, deadLetter, null);
    }

    public static ParsedRecord control(ControlRecord control) {
        return new ParsedRecord(null, null, control);
    }

    public boolean isValid() {
        return event != null;
    }

    /** Event time for watermarking; dead letters and control records never move the watermark. */
    public long eventTimeOrMin() {
        return event == null ? Long.MIN_VALUE : event.ts();
    }
}
