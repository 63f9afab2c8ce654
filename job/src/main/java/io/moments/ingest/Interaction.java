package io.moments.ingest;

/** The {@code interaction/v1} specific part of an event. {@code step} is set for checkout steps only. */
public record Interaction(
        InteractionType type, Integer step, Page page, String target, Double value, Double depth) {

    public PageKind pageKind() {
        return page == null ? null : page.kind();
    }
}
