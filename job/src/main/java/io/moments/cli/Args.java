package io.moments.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} / {@code --name=value} flags; {@code --set key=value} may repeat. */
final class Args {

    private final Map<String, String> flags = new LinkedHashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    Args(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            if (name.equals("set")) {
                sets.add(value);
            } else {
                flags.put(name, value);
            }
        }
    }

    String get(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    String required(String name) {
        String v = flags.get(name);
        if (v == null) {
            throw new UsageException("missing --" + name);
        }
        return v;
    }

    List<String> sets() {
        return sets;
    }

    List<String> positional() {
        return positional;
    }

    /** Durations like {@code 90s}, {@code 2m}, {@code 1h} or plain seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            char unit = t.charAt(t.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new UsageException("bad duration: " + text);
            };
        } catch (NumberFormatException e) {
            throw new UsageException("bad duration: " + text);
        }
    }

    /** A mistake in how the command was called: printed with the usage, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
