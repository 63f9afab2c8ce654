package io.moments.friction;

import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.compiler.NFACompiler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One policy's friction patterns, compiled to flink-cep NFAs (stateless: a session's partial matches
 * live in its {@link FrictionTrack}). Built once per published policy.
 */
public final class CompiledPatterns {

    /** One pattern: its definition, its NFA, and (once {@link CepMatcher} wrote it) its memory before any event. */
    static final class Compiled {
        final PatternSpec spec;
        final NFA<PatternEvent> nfa;
        /** Whether a step is strict: then any interaction can end a partial match. */
        final boolean strict;
        byte[] initialBody;

        Compiled(PatternSpec spec, NFA<PatternEvent> nfa) {
            this.spec = spec;
            this.nfa = nfa;
            this.strict = spec.steps().stream().anyMatch(PatternSpec.Step::strict);
        }

        PatternSpec spec() {
            return spec;
        }

        NFA<PatternEvent> nfa() {
            return nfa;
        }

        /** Whether {@code e} can begin a match (the begin stage's condition; {@code same} needs a first event). */
        boolean canBegin(PatternEvent e) {
            return spec.steps().get(0).where().matches(e);
        }

        /**
         * Whether {@code e} can change a partial match: it meets a step's or the absence's condition,
         * or a strict step would end on it. An event that cannot, before any partial match times out,
         * leaves the NFA as it is (relaxed contiguity ignores it).
         */
        boolean concerns(PatternEvent e) {
            if (strict || (spec.isAbsence() && spec.absent().matches(e))) {
                return true;
            }
            for (PatternSpec.Step step : spec.steps()) {
                if (step.where().matches(e)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Compiled> patterns;
    private final Map<String, Compiled> byId = new HashMap<>();
    private final long longestWithinMs;

    public CompiledPatterns(List<PatternSpec> specs) {
        // The conditions are plain (not rich) functions, so the NFAs need no runtime context to open.
        this.patterns = specs.stream()
                .map(s -> new Compiled(s, NFACompiler.compileFactory(PatternCompiler.compile(s), false).createNFA()))
                .toList();
        patterns.forEach(c -> byId.put(c.spec().id(), c));
        this.longestWithinMs = specs.stream().mapToLong(s -> s.within().toMillis()).max().orElse(0);
    }

    List<Compiled> patterns() {
        return patterns;
    }

    /** The pattern published under {@code id}; null if this policy has none. */
    Compiled byId(String id) {
        return byId.get(id);
    }

    /** The longest span of any pattern: how long a reported moment can be found again. */
    long longestWithinMs() {
        return longestWithinMs;
    }
}
