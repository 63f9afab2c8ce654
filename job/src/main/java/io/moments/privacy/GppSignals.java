package io.moments.privacy;

import com.iab.gpp.encoder.GppModel;
import com.iab.gpp.encoder.section.Sections;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Global Privacy Platform (GPP) string says, decoded with IAB Tech Lab's encoder library:
 * the sections that apply, the TCF EU purposes consented (section 2) and the US opt-outs (the
 * national section 7, the state sections 8 and up, and the older US Privacy section 6).
 *
 * <p>The library decodes sections lazily, so a string whose header parses may still fail on a
 * field. Every field this class needs is read here, at once, inside one guard: a malformed string
 * is {@link #valid() invalid} with the reason, never an exception later.
 *
 * @param valid      whether the string decoded
 * @param error      why not (null when valid)
 * @param applicable the section ids present in the string and, when the record names
 *                   {@code gppSid}, also listed there (OpenRTB's {@code regs.gpp_sid})
 * @param tcfPurposes the TCF EU purposes consented, or null when section 2 does not apply
 * @param optOuts    per applicable US section name, the opt-outs it signals, in {@link OptOut}'s wire names
 */
public record GppSignals(boolean valid, String error, Set<Integer> applicable, Set<Integer> tcfPurposes,
                         Map<String, Set<String>> optOuts) {

    public static final int TCF_EU_V2 = 2;
    public static final int US_PRIVACY = 6;
    /** The first US section (usnat); state sections follow it. */
    public static final int US_NATIONAL = 7;
    private static final int MAX_ERROR_CHARS = 160;

    /** The US opt-outs a section may carry, with their GPP field names. */
    public enum OptOut {
        SALE("sale", "SaleOptOut"),
        SHARING("sharing", "SharingOptOut"),
        TARGETED_ADVERTISING("targetedAdvertising", "TargetedAdvertisingOptOut");

        private final String wireName;
        private final String field;

        OptOut(String wireName, String field) {
            this.wireName = wireName;
            this.field = field;
        }

        public String wireName() {
            return wireName;
        }

        /** The section field that carries it (1 = opted out, 2 = did not, 0 = not applicable). */
        public String field() {
            return field;
        }

        public static OptOut fromWireName(String name) {
            for (OptOut o : values()) {
                if (o.wireName.equals(name)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown opt-out " + name);
        }
    }

    /** The GPC flag inside a US section's optional GPC segment. */
    public static final String GPC = "gpc";
    /** GPP's value for "opted out" in the US sections' opt-out fields (0 = not applicable, 2 = did not opt out). */
    private static final int OPTED_OUT = 1;

    /**
     * @param gppSid the section ids the record says apply, or null for "every section in the string"
     */
    public static GppSignals decode(String gpp, int[] gppSid) {
        try {
            GppModel model = new GppModel(gpp);
            Set<Integer> applicable = new TreeSet<>(model.getSectionIds());
            if (gppSid != null) {
                Set<Integer> listed = new TreeSet<>();
                for (int id : gppSid) {
                    listed.add(id);
                }
                applicable.retainAll(listed);
            }
            Set<Integer> purposes = applicable.contains(TCF_EU_V2) ? tcfPurposes(model) : null;
            Map<String, Set<String>> optOuts = new LinkedHashMap<>();
            for (int id : applicable) {
                if (id >= US_PRIVACY) {
                    optOuts.put(sectionName(id), usOptOuts(model, id));
                }
            }
            return new GppSignals(true, null, Collections.unmodifiableSet(applicable),
                    purposes == null ? null : Collections.unmodifiableSet(purposes), Collections.unmodifiableMap(optOuts));
        } catch (RuntimeException e) { // the library throws its own exceptions and index errors on bad input alike
            return new GppSignals(false, "gpp string does not decode (" + shortMessage(e) + ")", Set.of(), null, Map.of());
        }
    }

    /** The GPP name of a section id ({@code usnat}, {@code usca}, ...), or {@code section <id>}. */
    public static String sectionName(int id) {
        String name = Sections.SECTION_ID_NAME_MAP.get(id);
        return name == null ? "section " + id : name;
    }

    /** The opt-outs among {@code kinds} (plus GPC) that the given sections signal, as {@code "<section> <opt-out>"}. */
    public List<String> optedOut(Set<Integer> sections, Set<OptOut> kinds) {
        List<String> found = new ArrayList<>();
        for (int id : applicable) {
            Set<String> flags = optOuts.get(sectionName(id));
            if (!sections.contains(id) || flags == null) {
                continue;
            }
            for (String flag : flags) {
                if (flag.equals(GPC) || kinds.stream().anyMatch(k -> k.wireName().equals(flag))) {
                    found.add(sectionName(id) + " " + flag);
                }
            }
        }
        return found;
    }

    private static Set<Integer> tcfPurposes(GppModel model) {
        Set<Integer> purposes = new TreeSet<>();
        Object value = model.getFieldValue(TCF_EU_V2, "PurposeConsents");
        if (value instanceof List<?> flags) {
            for (int i = 0; i < flags.size(); i++) {
                if (Boolean.TRUE.equals(flags.get(i))) {
                    purposes.add(i + 1); // the list is indexed from purpose 1
                }
            }
        }
        return purposes;
    }

    private static Set<String> usOptOuts(GppModel model, int id) {
        Set<String> flags = new TreeSet<>();
        if (id == US_PRIVACY) {
            // The older US Privacy string: one character per field, 'Y' = opted out of sale.
            if (Character.valueOf('Y').equals(model.getFieldValue(id, "OptOutSale"))) {
                flags.add(OptOut.SALE.wireName());
            }
            return flags;
        }
        for (OptOut o : OptOut.values()) {
            if (model.hasField(id, o.field()) && Integer.valueOf(OPTED_OUT).equals(model.getFieldValue(id, o.field()))) {
                flags.add(o.wireName());
            }
        }
        if (model.hasField(id, "Gpc") && Boolean.TRUE.equals(model.getFieldValue(id, "Gpc"))) {
            flags.add(GPC);
        }
        return flags;
    }

    private static String shortMessage(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > MAX_ERROR_CHARS ? m.substring(0, MAX_ERROR_CHARS) + "…" : m;
    }
}
