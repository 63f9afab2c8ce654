package io.moments.friction;

import io.moments.decide.Policy;

/** The default policy's four patterns, compiled, for tests of the friction stage. */
final class ShippedPatterns {

    static final String CHECKOUT_PAUSE = "checkout_pause";
    static final String PRICING_CONTACT = "pricing_contact";
    static final String RAGE_CLICK = "rage_click";
    static final String FORM_ERROR_LOOP = "form_error_loop";
    static final CompiledPatterns PATTERNS = new CompiledPatterns(Policy.defaultPolicy().patterns());

    private ShippedPatterns() {}
}
