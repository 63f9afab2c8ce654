package io.moments.friction;

import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.pattern.MalformedPatternException;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

import java.util.List;

/**
 * Turns a {@link PatternSpec} into a flink-cep {@link Pattern}: step 0 is {@code begin}, later steps
 * {@code next} (strict) or {@code followedBy} (relaxed), {@code times} a loop ({@code consecutive}
 * when strict), {@code same} an iterative condition over the step's events so far, the absence a
 * final {@code notFollowedBy}, and the span {@code within}. After a match the NFA skips past its last
 * event, so one burst of friction makes one moment.
 */
public final class PatternCompiler {

    /** Name of step {@code i}'s stage in the NFA (and in its matches). */
    static String stage(int i) {
        return "step" + i;
    }

    static final String ABSENT = "absent";

    private PatternCompiler() {}

    public static Pattern<PatternEvent, PatternEvent> compile(PatternSpec spec) {
        Pattern<PatternEvent, PatternEvent> p = null;
        List<PatternSpec.Step> steps = spec.steps();
        for (int i = 0; i < steps.size(); i++) {
            PatternSpec.Step step = steps.get(i);
            String name = stage(i);
            p = i == 0 ? Pattern.begin(name, AfterMatchSkipStrategy.skipPastLastEvent())
                    : step.strict() ? p.next(name) : p.followedBy(name);
            p = p.where(new StepCondition(step.where(), step.same(), name));
            if (step.times() > 1) {
                p = p.times(step.times());
                if (step.strict()) {
                    p = p.consecutive();
                }
            }
        }
        if (spec.isAbsence()) {
            p = p.notFollowedBy(ABSENT).where(new StepCondition(spec.absent(), List.of(), ABSENT));
        }
        return p.within(spec.within());
    }

    /** Why flink-cep would refuse the pattern, or null when it compiles. */
    static String check(PatternSpec spec) {
        try {
            NFACompiler.compileFactory(compile(spec), false).createNFA();
            return null;
        } catch (MalformedPatternException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** An interaction matching a step's {@code where}, equal to the step's earlier events in its {@code same} fields. */
    static final class StepCondition extends IterativeCondition<PatternEvent> {
        private final PatternSpec.Where where;
        private final List<String> same;
        private final String stage;

        StepCondition(PatternSpec.Where where, List<String> same, String stage) {
            this.where = where;
            this.same = same;
            this.stage = stage;
        }

        @Override
        public boolean filter(PatternEvent e, Context<PatternEvent> ctx) throws Exception {
            if (!where.matches(e)) {
                return false;
            }
            if (!same.isEmpty()) {
                // Every earlier event of the step passed this check, so comparing with the first suffices.
                for (PatternEvent earlier : ctx.getEventsForPattern(stage)) {
                    return PatternSpec.sameFields(earlier, e, same);
                }
            }
            return true;
        }
    }
}
