package io.moments.ingest;

/** Where a {@code text/v1} message was written. */
public enum TextChannel {
    CHAT, SEARCH, REVIEW, SUPPORT
}
