package io.moments.friction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CepMatcherTest {

    /** If a flink-cep upgrade renamed the SharedBuffer's cache fields, patterns stay correct but slow: say so here. */
    @Test
    void theSharedBuffersCachesAreBypassed() {
        try (CepMatcher matcher = new CepMatcher()) {
            assertThat(matcher.cachesBypassed).as("DirectBufferCache.install on this flink-cep version").isTrue();
        }
    }

    @Test
    void aSessionWithoutPartialMatchesHasNoMemory() {
        try (CepMatcher matcher = new CepMatcher()) {
            CepMatcher.Memory m = matcher.decode(ShippedPatterns.PATTERNS, null);
            matcher.onEvent(m, "s", new PatternEvent(1_000, io.moments.ingest.InteractionType.SCROLL, null, null, null));
            assertThat(matcher.encode(m)).isNull();
            matcher.onEvent(m, "s", new PatternEvent(2_000, io.moments.ingest.InteractionType.FORM_ERROR, null, "card", null));
            byte[] one = matcher.encode(m);
            assertThat(one).isNotNull();
            CepMatcher.Memory again = matcher.decode(ShippedPatterns.PATTERNS, one);
            assertThat(matcher.encode(again)).isEqualTo(one);
        }
    }
}
