package io.moments.decide;

import io.moments.labels.Moment;
import io.moments.models.Label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What an ad server may receive about a moment: the micro-moment (from behaviour), the ad tone and
 * the suppressed tactics of the action. Never an emotion label, a confidence, text or anything
 * inferred from a face or voice: those stay in the decision record for the CMS and analysts.
 *
 * <p>The values follow Google Ad Manager's key-value rules (keys of at most 20 characters, values of
 * at most 40, none of {@code " ' = ! + # * ~ ; ^ ( ) < > [ ] ,} or spaces): each value is lower-cased
 * and anything but letters, digits, {@code _} and {@code -} becomes {@code _}. A value that names
 * an emotion label is dropped, whatever the policy called it (the policy validator also refuses such
 * names, see {@link #mentionsLabel}).
 *
 * @param moment   the micro-moment: know, go, do or buy
 * @param tone     the ad tone, or null when the intervention has none
 * @param suppress tactics the ad must not use now (may be empty)
 */
public record Targeting(String moment, String tone, String[] suppress) {

    public static final String KEY_MOMENT = "mm_moment";
    public static final String KEY_TONE = "mm_tone";
    public static final String KEY_SUPPRESS = "mm_suppress";
    /** The OpenRTB {@code user.data[].name} under which the segments travel. */
    public static final String DATA_NAME = "moments";
    static final int MAX_VALUE_CHARS = 40;

    /**
     * The targeting of a decision, or null when none may be sent: personalization is not allowed,
     * or the session is in the holdout (its ads must stay as they would be without Moments).
     */
    public static Targeting of(Moment moment, String adTone, String[] suppressedTactics, boolean personalizationAllowed,
                               boolean holdout) {
        if (!personalizationAllowed || holdout) {
            return null;
        }
        List<String> suppress = new ArrayList<>();
        for (String tactic : suppressedTactics) {
            String v = safeValue(tactic);
            if (v != null && !suppress.contains(v)) {
                suppress.add(v);
            }
        }
        return new Targeting(safeValue(moment.name()), safeValue(adTone), suppress.toArray(String[]::new));
    }

    /** Google Ad Manager key-values, in a fixed order; a multi-valued key has several values. */
    public Map<String, List<String>> keyValues() {
        Map<String, List<String>> kv = new LinkedHashMap<>();
        kv.put(KEY_MOMENT, List.of(moment));
        if (tone != null) {
            kv.put(KEY_TONE, List.of(tone));
        }
        if (suppress.length > 0) {
            kv.put(KEY_SUPPRESS, List.of(suppress));
        }
        return kv;
    }

    /** The same key-values as an ad tag's {@code cust_params} value (before URL-encoding): {@code k=v1,v2&k2=v}. */
    public String custParams() {
        StringJoiner out = new StringJoiner("&");
        keyValues().forEach((k, v) -> out.add(k + "=" + String.join(",", v)));
        return out.toString();
    }

    /** OpenRTB / Prebid {@code user.data[].segment[].id}s: {@code <key>_<value>}, one per value. */
    public List<String> segments() {
        List<String> ids = new ArrayList<>();
        keyValues().forEach((k, values) -> values.forEach(v -> ids.add(k + "_" + v)));
        return ids;
    }

    /** A key-value value under GAM's rules, or null when nothing is left or it names an emotion label. */
    static String safeValue(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder v = new StringBuilder(Math.min(raw.length(), MAX_VALUE_CHARS));
        for (int i = 0; i < raw.length() && v.length() < MAX_VALUE_CHARS; i++) {
            char c = Character.toLowerCase(raw.charAt(i));
            v.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ? c : '_');
        }
        String value = v.toString();
        return value.replace("_", "").isEmpty() || mentionsLabel(raw) || mentionsLabel(value) ? null : value;
    }

    /**
     * Whether a name mentions an emotion label, by stem (so {@code frustrated}, {@code Confusing} and
     * {@code price-sensitive} count), after folding case and separators.
     */
    public static boolean mentionsLabel(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        for (Label label : Label.values()) {
            if (folded.contains(stem(label))) {
                return true;
            }
        }
        return folded.contains("emotion") || folded.contains("label");
    }

    private static String stem(Label label) {
        return switch (label) {
            case HESITATION -> "hesita";
            case CONFUSION -> "confus";
            case FRUSTRATION -> "frustra";
            case TRUST_CONCERN -> "trustconcern";
            case PRICE_SENSITIVITY -> "pricesensitiv";
            case DELIGHT -> "delight";
        };
    }
}
