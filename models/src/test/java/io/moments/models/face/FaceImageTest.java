package io.moments.models.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FaceImageTest {

    @Test
    void grayJpegsKeepTheirGrayLevels() throws Exception {
        BufferedImage gray = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                gray.getRaster().setSample(x, y, 0, 100);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(gray, "jpeg", out);
        FaceImage img = FaceImage.decodeJpeg(out.toByteArray());
        assertThat(img.width()).isEqualTo(64);
        int p = img.rgbAt(10, 10);
        // a flat gray JPEG decodes to (almost) its level in all three channels, not a gamma-brightened one
        assertThat((p >> 16) & 0xff).isBetween(99, 101);
        assertThat(p & 0xff).isEqualTo((p >> 16) & 0xff);
    }

    @Test
    void colourJpegsDecodeToRgb() throws Exception {
        FaceImage img = FaceImage.decodeJpeg(TestImages.bytes("noface-gradient.jpg"));
        assertThat(img.width()).isEqualTo(640);
        assertThat(img.height()).isEqualTo(480);
        // the gradient is red-heavy on the right, blue-heavy at the top-left
        int right = img.rgbAt(630, 240);
        int left = img.rgbAt(5, 5);
        assertThat((right >> 16) & 0xff).isGreaterThan(180);
        assertThat(left & 0xff).isGreaterThan(170);
    }
}
