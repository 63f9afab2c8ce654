package io.moments.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStateCacheTest {

    @Test
    void returnsTheLatestStateAndEvictsTheLeastRecentlyUsedBeyondItsCapacity() {
        SessionStateCache cache = new SessionStateCache(2, 60_000);
        SessionState a = new SessionState();
        SessionState b = new SessionState();
        assertThat(cache.put("a", a, false, 0)).isNull();
        assertThat(cache.put("b", b, false, 0)).isNull();
        assertThat(cache.get("a", 1)).isSameAs(a); // a is now the most recently used
        assertThat(cache.put("c", new SessionState(), false, 2)).as("b was clean: nothing to write").isNull();
        assertThat(cache.get("b", 3)).as("evicted").isNull();
        assertThat(cache.get("a", 3)).isSameAs(a);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void aDirtyStateIsHandedBackToBeWrittenWhenEvictedAndAtTheBarrier() {
        SessionStateCache cache = new SessionStateCache(2, 60_000);
        SessionState a = new SessionState();
        SessionState b = new SessionState();
        cache.put("a", a, true, 0);
        cache.put("b", b, true, 0);
        SessionStateCache.Dirty evicted = cache.put("c", new SessionState(), false, 1);
        assertThat(evicted).isEqualTo(new SessionStateCache.Dirty("a", a));
        assertThat(cache.drainDirty(2)).containsExactly(new SessionStateCache.Dirty("b", b));
        assertThat(cache.drainDirty(3)).as("written: clean now").isEmpty();
        assertThat(cache.get("b", 4)).as("still at hand").isSameAs(b);
    }

    @Test
    void aClearedSessionAndACleanEntryOlderThanTheTtlAreNotReturned() {
        SessionStateCache cache = new SessionStateCache(10, 60_000);
        cache.put("a", new SessionState(), false, 0);
        cache.put("b", new SessionState(), false, 0);
        cache.put("d", new SessionState(), true, 0);
        cache.remove("a");
        assertThat(cache.get("a", 1)).isNull();
        assertThat(cache.get("b", 59_999)).isNotNull();
        assertThat(cache.get("b", 60_000)).as("the backend's TTL would have expired it").isNull();
        assertThat(cache.get("d", 60_000)).as("not written yet: the latest state").isNotNull();
    }

    @Test
    void sizeZeroKeepsNothingAndHandsADirtyStateStraightBack() {
        SessionStateCache cache = new SessionStateCache(0, 60_000);
        SessionState a = new SessionState();
        assertThat(cache.put("a", a, true, 0)).isEqualTo(new SessionStateCache.Dirty("a", a));
        assertThat(cache.put("b", new SessionState(), false, 0)).isNull();
        assertThat(cache.get("a", 0)).isNull();
        assertThat(cache.size()).isZero();
    }
}
