package io.moments.models.face;

/**
 * An input that cannot be analysed: not a JPEG, a corrupt or truncated JPEG, or an image outside
 * the size limits. This is a <em>checked</em> exception on purpose: the caller (the Flink inference
 * operator, the scoring CLI) must turn it into a dead letter ({@code bad_media}) or an error line,
 * never let it fail the job. {@link #reason()} is a short machine-readable code; {@link #index()}
 * says which image of a batch was bad ({@code -1} for a single image).
 */
public final class InvalidImageException extends Exception {

    /** Machine-readable causes. */
    public enum Reason {
        /** Zero bytes. */
        EMPTY("empty"),
        /** Does not start with the JPEG SOI marker (FF D8) or no JPEG reader accepts it. */
        NOT_JPEG("not_jpeg"),
        /** A JPEG header but the data cannot be decoded (truncated, corrupt entropy data, ...). */
        CORRUPT_JPEG("corrupt_jpeg"),
        /** Width or height outside the limits, or more pixels than allowed. */
        BAD_DIMENSIONS("bad_dimensions");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final int index;

    public InvalidImageException(Reason reason, String message) {
        this(reason, message, -1, null);
    }

    public InvalidImageException(Reason reason, String message, Throwable cause) {
        this(reason, message, -1, cause);
    }

    private InvalidImageException(Reason reason, String message, int index, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.index = index;
    }

    /** The same failure, tagged with the position of the image in a batch. */
    public InvalidImageException atIndex(int batchIndex) {
        return new InvalidImageException(reason, "image " + batchIndex + ": " + getMessage(), batchIndex, getCause());
    }

    public Reason reason() {
        return reason;
    }

    /** Position of the bad image in the batch passed to {@code analyzeAll}, or -1. */
    public int index() {
        return index;
    }
}
