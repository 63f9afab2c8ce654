package io.moments.privacy;

/**
 * A data subject's erasure request ({@code erasure/v1}): forget one session, or every session of a
 * user. Exactly one of {@code sessionId} and {@code userId} is set.
 */
public record ErasureRequest(String requestId, String sessionId, String userId, long receivedAt) {

    public static final String SCHEMA = "erasure/v1";

    /** The same request, addressed to one of the user's sessions. */
    public ErasureRequest forSession(String session) {
        return new ErasureRequest(requestId, session, userId, receivedAt);
    }
}
