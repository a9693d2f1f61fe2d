package io.respawn.engine.oracle;

import java.lang.reflect.Field;
import java.util.Optional;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.mvel.MVELConstraint;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Whether a rule set may have its constraints compiled to bytecode by Drools (the
 * constraint JIT, which takes a constraint out of the MVEL interpreter once it has run
 * {@link #THRESHOLD} times). Drools 10.2's JIT cannot compile a constraint that uses an
 * evaluator operator, such as {@code str[startsWith]}: the code it emits calls {@code
 * EvaluatorHelper.initOperators} with a signature its own runtime lacks, and the constraint
 * fails with a {@code NoSuchMethodError} the {@value #THRESHOLD}th time it runs. So the JIT
 * is on only for rule sets without such a constraint ({@code contains}, {@code memberOf}
 * and the method forms such as {@code s.startsWith("p")} are not evaluators, and compile);
 * a rule set with one runs every constraint interpreted, correct and slower, and the rule is
 * named in the log. Drools' own system property {@code drools.jittingThreshold} sets the
 * threshold ({@code -1}: the JIT off for every rule set).
 */
final class ConstraintJit {
    /** Runs of a constraint before the JIT compiles it (Drools' own default). */
    static final int THRESHOLD = 20;

    private ConstraintJit() {
    }

    /**
     * The first rule of {@code base} with a constraint that uses an evaluator operator, or a reason
     * the rules cannot be read (then the JIT stays off too); empty if the JIT is safe.
     */
    static Optional<String> blocker(KieBase base) {
        Field operators;
        try {
            operators = MVELConstraint.class.getDeclaredField("operators");
            operators.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.of("the rules' constraints cannot be read in this version of Drools (" + e + ")");
        }
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (rule instanceof RuleImpl impl && usesOperator(impl.getLhs(), operators)) {
                    return Optional.of("rule \"" + rule.getName() + "\" uses an evaluator operator such as"
                            + " str[startsWith]; its method form, such as s.startsWith(\"p\"), lets the JIT compile it");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean usesOperator(RuleConditionElement element, Field operators) {
        if (element instanceof Pattern pattern) {
            for (Constraint constraint : pattern.getConstraints()) {
                if (constraint instanceof MVELConstraint mvel && operatorCount(mvel, operators) > 0) {
                    return true;
                }
            }
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            if (nested != null && usesOperator(nested, operators)) {
                return true;
            }
        }
        return false;
    }

    private static int operatorCount(MVELConstraint constraint, Field operators) {
        try {
            Object found = operators.get(constraint);
            return found instanceof Object[] array ? array.length : 0;
        } catch (IllegalAccessException e) {
            return 1;                                         // unknown: as if it had one
        }
    }
}
