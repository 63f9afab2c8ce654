package io.moments.session;

import io.moments.friction.FrictionMoment;
import io.moments.ingest.ShopperEvent;

/** What the session stage consumes: an event or a friction moment (exactly one is set). */
public record SessionInput(ShopperEvent event, FrictionMoment friction) {

    public static SessionInput of(ShopperEvent event) {
        return new SessionInput(event, null);
    }

    public static SessionInput of(FrictionMoment friction) {
        return new SessionInput(null, friction);
    }

    public String sessionId() {
        return event != null ? event.sessionId() : friction.sessionId();
    }

    public long ts() {
        return event != null ? event.ts() : friction.ts();
    }
}
