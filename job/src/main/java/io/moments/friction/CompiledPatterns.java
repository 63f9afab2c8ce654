package io.moments.friction;

import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.compiler.NFACompiler;

import java.util.List;

/**
 * One policy's friction patterns, compiled to flink-cep NFAs (stateless: a session's partial matches
 * live in its {@link FrictionTrack}). Built once per published policy.
 */
public final class CompiledPatterns {

    record Compiled(PatternSpec spec, NFA<PatternEvent> nfa) {}

    private final List<Compiled> patterns;
    private final long longestWithinMs;

    public CompiledPatterns(List<PatternSpec> specs) {
        // The conditions are plain (not rich) functions, so the NFAs need no runtime context to open.
        this.patterns = specs.stream()
                .map(s -> new Compiled(s, NFACompiler.compileFactory(PatternCompiler.compile(s), false).createNFA()))
                .toList();
        this.longestWithinMs = specs.stream().mapToLong(s -> s.within().toMillis()).max().orElse(0);
    }

    List<Compiled> patterns() {
        return patterns;
    }

    public List<String> ids() {
        return patterns.stream().map(c -> c.spec().id()).toList();
    }

    /** The longest span of any pattern: how long a reported moment can be found again. */
    long longestWithinMs() {
        return longestWithinMs;
    }
}
