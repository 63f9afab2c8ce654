package io.moments.session;

import io.moments.ingest.ShopperEvent;
import io.moments.privacy.ErasureRequest;

/** What the session stage consumes: an event or an erasure (exactly one is set). */
public record SessionInput(ShopperEvent event, ErasureRequest erasure) {

    public static SessionInput of(ShopperEvent event) {
        return new SessionInput(event, null);
    }

    public static SessionInput of(ErasureRequest erasure) {
        return new SessionInput(null, erasure);
    }

    public String sessionId() {
        return event != null ? event.sessionId() : erasure.sessionId();
    }

    public long ts() {
        return event != null ? event.ts() : erasure.receivedAt();
    }
}
