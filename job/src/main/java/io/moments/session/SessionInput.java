package io.moments.session;

import io.moments.friction.FrictionMoment;
import io.moments.ingest.ShopperEvent;
import io.moments.privacy.ErasureRequest;

/** What the session stage consumes: an event, a friction moment or an erasure (exactly one is set). */
public record SessionInput(ShopperEvent event, FrictionMoment friction, ErasureRequest erasure) {

    public static SessionInput of(ShopperEvent event) {
        return new SessionInput(event, null, null);
    }

    public static SessionInput of(FrictionMoment friction) {
        return new SessionInput(null, friction, null);
    }

    public static SessionInput of(ErasureRequest erasure) {
        return new SessionInput(null, null, erasure);
    }

    public String sessionId() {
        return event != null ? event.sessionId() : friction != null ? friction.sessionId() : erasure.sessionId();
    }

    public long ts() {
        return event != null ? event.ts() : friction != null ? friction.ts() : erasure.receivedAt();
    }
}
