package io.moments.ingest;

/**
 * The {@code interaction/v1} specific part of an event. {@code step} is set for checkout steps only:
 * a step number in decimal ({@code "2"}) or a step name ({@code "shipping"}).
 */
public record Interaction(
        InteractionType type, String step, Page page, String target, Double value, Double depth) {

    public PageKind pageKind() {
        return page == null ? null : page.kind();
    }
}
