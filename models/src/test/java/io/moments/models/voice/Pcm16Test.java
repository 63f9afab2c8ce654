package io.moments.models.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Pcm16Test {

    @Test
    void decodesLittleEndianSigned16() {
        byte[] pcm = {0x00, 0x00, (byte) 0xff, 0x7f, 0x00, (byte) 0x80, (byte) 0xff, (byte) 0xff};
        assertThat(Pcm16.decode(pcm)).containsExactly(0f, 32767 / 32768f, -1f, -1 / 32768f);
    }

    @Test
    void encodeThenDecodeRoundTrips() {
        float[] x = {0f, 0.5f, -0.25f, 0.999f};
        float[] back = Pcm16.decode(Pcm16.encode(x));
        for (int i = 0; i < x.length; i++) {
            assertThat(back[i]).isCloseTo(x[i], org.assertj.core.api.Assertions.within(1e-4f));
        }
    }

    @Test
    void rejectsOddLengthEmptyAndTooLong() {
        assertThatThrownBy(() -> Pcm16.validate(new byte[3]))
                .isInstanceOfSatisfying(InvalidAudioException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAudioException.Reason.ODD_LENGTH));
        assertThatThrownBy(() -> Pcm16.validate(new byte[0]))
                .isInstanceOfSatisfying(InvalidAudioException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAudioException.Reason.EMPTY));
        assertThatThrownBy(() -> Pcm16.validate(null))
                .isInstanceOfSatisfying(InvalidAudioException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAudioException.Reason.EMPTY));
        assertThatThrownBy(() -> Pcm16.validate(new byte[Pcm16.MAX_BYTES + 2]))
                .isInstanceOfSatisfying(InvalidAudioException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAudioException.Reason.TOO_LONG));
        Pcm16.validate(new byte[Pcm16.MAX_BYTES]);
        Pcm16.validate(new byte[2]);
        assertThat(InvalidAudioException.Reason.ODD_LENGTH.wireName()).isEqualTo("odd_length");
    }
}
