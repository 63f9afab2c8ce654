package io.moments.config;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MomentsSettingsTest {

    @Test
    void aRetiredFrictionSettingIsRefusedWithWhereItWent() {
        assertThat(MomentsSettings.from(new Configuration()).session().idle()).isEqualTo(MomentsOptions.SESSION_IDLE.defaultValue());
        Configuration old = new Configuration();
        old.setString("moments.friction.rage-clicks", "4");
        assertThatThrownBy(() -> MomentsSettings.from(old))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("moments.friction.rage-clicks is no longer a setting")
                .hasMessageContaining("\"patterns\" in policy/v1");
    }

    @Test
    void theTextCacheIsOnByDefaultAndCannotBeNegative() {
        assertThat(MomentsSettings.from(new Configuration()).inference().textCacheEntries()).isEqualTo(10_000);
        Configuration off = new Configuration();
        off.set(MomentsOptions.INFERENCE_TEXT_CACHE_ENTRIES, 0);
        assertThat(MomentsSettings.from(off).inference().textCacheEntries()).isZero();
        Configuration negative = new Configuration();
        negative.set(MomentsOptions.INFERENCE_TEXT_CACHE_ENTRIES, -1);
        assertThatThrownBy(() -> MomentsSettings.from(negative))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text-cache-entries");
    }
}
