package io.moments.insights;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagePathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://shop.example/products/12345?utm_source=mail#reviews | /products/:id",
            "/Checkout/Step/Shipping | /checkout/step/shipping",
            "https://shop.example/account/jane.doe@example.com/orders | /account/:id/orders",
            "/order/550e8400-e29b-41d4-a716-446655440000/track | /order/:id/track",
            "/reset/token=abcdef | /reset/:id",
            "/p/caf%C3%A9-cr%C3%A8me | /p/café-crème",
            "/p/%E2%9C%93-ok | /p/_-ok",
            "/a%zz/b | /a_zz/b",
            "//double//slashes/ | /double/slashes",
            "?q=shoes | /",
            "#top | /",
            "https://shop.example | /",
            "/a/b/c/d/e/f/g/h | /a/b/c/d/e/f/…",
            "/sale/2026-black-friday | /sale/:id",
            "/search/red shoes | /search/red_shoes",
    })
    void templatesDropIdsQueriesAndFragments(String url, String template) {
        assertThat(PagePaths.template(url)).isEqualTo(template);
    }

    @Test
    void missingLongAndHostileUrlsStayBounded() {
        assertThat(PagePaths.template(null)).isEqualTo("/");
        assertThat(PagePaths.template("   ")).isEqualTo("/");
        assertThat(PagePaths.template("/" + "x".repeat(5_000))).isEqualTo("/:id");
        String wide = ("/" + "a".repeat(32)).repeat(6);
        assertThat(PagePaths.template(wide)).hasSize(PagePaths.MAX_CHARS).endsWith("/…");
        assertThat(PagePaths.template("/%00%0a/<script>")).doesNotContain("<", ">", "\n", "\u0000");
        String many = "/x".repeat(10_000);
        assertThat(PagePaths.template(many)).isEqualTo("/x/x/x/x/x/x/…");
    }
}
