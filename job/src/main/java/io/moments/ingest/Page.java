package io.moments.ingest;

/** The page an interaction happened on. */
public record Page(String url, PageKind kind) {}
