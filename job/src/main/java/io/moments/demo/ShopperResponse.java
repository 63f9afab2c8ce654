package io.moments.demo;

import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How the simulated shoppers respond to what the job does: a base conversion rate per persona and
 * an uplift when the session got an intervention that suits it. These numbers are the simulator's
 * assumptions (chosen so the demo's lift report has something to find), not measurements.
 */
final class ShopperResponse {

    private record Response(double base, double uplift, Set<String> helps) {}

    private static final Map<Persona, Response> RESPONSES = Map.of(
            Persona.HESITANT, new Response(0.15, 0.25,
                    Set.of("reassure_checkout", "reassure_returns", "show_guarantees", "clarify_shipping_returns")),
            Persona.PRICE_SENSITIVE, new Response(0.20, 0.25,
                    Set.of("offer_discount", "show_value", "offer_pricing_help", "highlight_total_value")),
            Persona.CONFUSED, new Response(0.10, 0.20, Set.of("clarify_options", "simplify_form", "offer_help")),
            Persona.FRUSTRATED, new Response(0.05, 0.20, Set.of("simplify_form", "offer_help", "simplify_checkout")),
            Persona.BROWSER, new Response(0.02, 0.0, Set.of()));

    private ShopperResponse() {}

    /** Whether a session of this persona buys, given the intervention it got (null for none). */
    static boolean converts(Persona persona, String intervention, Random random) {
        Response r = RESPONSES.get(persona);
        if (r == null) {
            return false; // confident buyers' purchases are part of their script
        }
        double p = r.base + (intervention != null && r.helps.contains(intervention) ? r.uplift : 0);
        return random.nextDouble() < p;
    }
}
