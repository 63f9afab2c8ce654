package io.moments.friction;

import io.moments.ingest.InteractionType;
import io.moments.ingest.PageKind;
import io.moments.ingest.ShopperEvent;

/**
 * What a friction pattern needs to know of one interaction (a Flink POJO, kept in the session's
 * reorder buffer): its time, type, page kind, target and checkout step. No other content.
 */
public class PatternEvent {
    public long ts;
    public InteractionType type;
    public PageKind pageKind;
    public String target;
    public String step;

    public PatternEvent() {}

    public PatternEvent(long ts, InteractionType type, PageKind pageKind, String target, String step) {
        this.ts = ts;
        this.type = type;
        this.pageKind = pageKind;
        this.target = target;
        this.step = step;
    }

    /** The pattern view of an interaction; null for events of other schemas (they are part of no pattern). */
    public static PatternEvent of(ShopperEvent e) {
        if (!e.isInteraction()) {
            return null;
        }
        return new PatternEvent(e.ts(), e.interaction().type(), e.interaction().pageKind(), e.interaction().target(),
                e.interaction().step());
    }

    public boolean is(InteractionType t) {
        return type == t;
    }

    public boolean isPage(PageKind kind) {
        return type == InteractionType.PAGE_VIEW && pageKind == kind;
    }
}
