package io.moments.decide;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic assignment of sessions to the holdout, stable across restarts, replays and versions. */
public final class Holdout {

    /** One digest per thread: looking one up per call (a provider search) cost more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    });

    private Holdout() {}

    /** The session's bucket 0..99, from the first bytes of SHA-256 of its id. */
    public static int bucket(String sessionId) {
        byte[] digest = sha256(sessionId.getBytes(StandardCharsets.UTF_8));
        int v = ((digest[0] & 0xFF) << 24) | ((digest[1] & 0xFF) << 16) | ((digest[2] & 0xFF) << 8) | (digest[3] & 0xFF);
        return Integer.remainderUnsigned(v, 100);
    }

    public static boolean isHeldOut(String sessionId, int holdoutPercent) {
        return bucket(sessionId) < holdoutPercent;
    }

    static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes);
    }
}
