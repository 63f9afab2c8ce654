package io.moments.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStateCacheTest {

    @Test
    void returnsWhatWasWrittenAndForgetsTheLeastRecentlyUsedBeyondItsCapacity() {
        SessionStateCache cache = new SessionStateCache(2, 60_000);
        SessionState a = new SessionState();
        SessionState b = new SessionState();
        cache.put("a", a, 0);
        cache.put("b", b, 0);
        assertThat(cache.get("a", 1)).isSameAs(a); // a is now the most recently used
        cache.put("c", new SessionState(), 2);
        assertThat(cache.get("b", 3)).as("evicted").isNull();
        assertThat(cache.get("a", 3)).isSameAs(a);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aClearedSessionAndAnEntryOlderThanTheTtlAreNotReturned() {
        SessionStateCache cache = new SessionStateCache(10, 60_000);
        cache.put("a", new SessionState(), 0);
        cache.put("b", new SessionState(), 0);
        cache.remove("a");
        assertThat(cache.get("a", 1)).isNull();
        assertThat(cache.get("b", 59_999)).isNotNull();
        assertThat(cache.get("b", 60_000)).as("the backend's TTL would have expired it").isNull();
    }

    @Test
    void sizeZeroKeepsNothing() {
        SessionStateCache cache = new SessionStateCache(0, 60_000);
        cache.put("a", new SessionState(), 0);
        assertThat(cache.get("a", 0)).isNull();
        assertThat(cache.size()).isZero();
    }
}
