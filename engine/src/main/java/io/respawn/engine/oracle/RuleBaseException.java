package io.respawn.engine.oracle;

import java.util.List;
import java.util.stream.Collectors;

/** The rules did not compile; {@link #problems()} says where and why. */
public final class RuleBaseException extends RuntimeException {
    private final transient List<RuleProblem> problems;

    public RuleBaseException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
