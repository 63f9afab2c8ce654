package io.moments.demo;

/** The shopper types the traffic simulator plays, with their share of sessions. */
public enum Persona {
    CONFIDENT_BUYER(20), HESITANT(20), PRICE_SENSITIVE(20), CONFUSED(15), FRUSTRATED(10), BROWSER(15);

    final int weight;

    Persona(int weight) {
        this.weight = weight;
    }

    public static Persona pick(java.util.Random random) {
        int total = 0;
        for (Persona p : values()) {
            total += p.weight;
        }
        int r = random.nextInt(total);
        for (Persona p : values()) {
            r -= p.weight;
            if (r < 0) {
                return p;
            }
        }
        throw new AssertionError();
    }
}
