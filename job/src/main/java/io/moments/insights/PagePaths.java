package io.moments.insights;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A page's URL as the path template insights are keyed by, so that no shopper, order or product id
 * and no query string ever reaches an insight:
 * <ol>
 *   <li>scheme, host, query string and fragment are dropped; the path is percent-decoded (invalid
 *       escapes are kept as they are) and lower-cased;</li>
 *   <li>a segment that looks like an id becomes {@code :id}: one with a digit in it (numbers, SKUs,
 *       UUIDs, hashes, dates), one with {@code @} or {@code =} in it (e-mail addresses, tokens), or
 *       one longer than 32 characters (slugs of a single product, encoded blobs);</li>
 *   <li>empty segments are dropped; at most 6 segments are kept ({@code /…} marks the cut) and the
 *       template is at most 128 characters.</li>
 * </ol>
 * A missing or empty URL is {@code /}.
 */
public final class PagePaths {

    static final int MAX_SEGMENTS = 6;
    static final int MAX_SEGMENT_CHARS = 32;
    static final int MAX_CHARS = 128;
    public static final String ID = ":id";
    private static final Pattern SCHEME_AND_HOST = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*");

    private PagePaths() {}

    public static String template(String url) {
        if (url == null || url.isBlank()) {
            return "/";
        }
        String path = SCHEME_AND_HOST.matcher(url.trim()).replaceFirst("");
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        StringBuilder out = new StringBuilder();
        int kept = 0;
        for (String raw : path.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            if (kept == MAX_SEGMENTS) {
                out.append("/…");
                break;
            }
            out.append('/').append(segment(decode(raw).toLowerCase(Locale.ROOT)));
            kept++;
        }
        String template = out.isEmpty() ? "/" : out.toString();
        return template.length() <= MAX_CHARS ? template : template.substring(0, MAX_CHARS - 2) + "/…";
    }

    private static String segment(String s) {
        if (s.length() > MAX_SEGMENT_CHARS || s.indexOf('@') >= 0 || s.indexOf('=') >= 0) {
            return ID;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return ID;
            }
        }
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            clean.append(Character.isLetter(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return clean.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return s;
        }
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
