package io.respawn.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.facts.Cause;
import io.respawn.facts.ComponentId;
import io.respawn.facts.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The constraint JIT is on only for rule sets whose constraints it can compile (see {@link ConstraintJit}). */
class ConstraintJitTest {
    @TempDir
    Path dir;

    private Optional<String> blockerOf(String when) throws IOException {
        Files.writeString(dir.resolve("r.drl"), """
                package io.respawn.rules
                import io.respawn.facts.*;

                declare Failure @role(event) @timestamp(atMillis) end

                rule "T-01 The rule under test"
                when
                %s
                then
                end
                """.formatted(when));
        return ConstraintJit.blocker(RuleBase.fromDirectory(dir).kieBase());
    }

    @Test
    void defaultRules_useNoOperatorTheJitCannotCompile() {
        assertThat(ConstraintJit.blocker(RuleBase.defaults().kieBase())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Failure( rule str[startsWith] \"FI\" )",
        "Failure( rule str[endsWith] \"01\" )",
        "not( Failure( rule str[length] 5 ) )",
        "$f : Failure( $ev : evidence )\n accumulate( Failure( rule str[startsWith] \"FI\" ); $n : count(1) )",
    })
    void aConstraintWithAnOperatorTheJitCannotCompile_turnsItOff_namingTheRule(String when) throws IOException {
        assertThat(blockerOf(when)).hasValueSatisfying(reason -> assertThat(reason).contains("T-01"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Failure( evidence contains \"x\", evidence not contains \"y\" )",
        "$f : Failure( $ev : evidence )\n accumulate( Failure( id memberOf $ev ); $n : count(1) )",
        "$a : Failure()\n $b : Failure( this != $a, this after[0s,3s] $a )",
        "Failure( rule matches \"FI-.*\" )",
        "Failure( evidence.contains(\"x\"), rule.startsWith(\"FI\"), !evidence.contains(id) )",
    })
    void constraintsWithoutAnEvaluatorOperator_leaveItOn(String when) throws IOException {
        assertThat(blockerOf(when)).isEmpty();
    }


    @Test
    void aRuleSetWithAnEvaluatorOperator_runsInterpreted_pastTheJitThreshold() throws IOException {
        Files.writeString(dir.resolve("r.drl"), """
                package io.respawn.rules
                import io.respawn.facts.*;

                rule "T-02 A failure whose rule starts with FI"
                when
                    Failure( rule str[startsWith] "FI" )
                then
                end
                """);
        RuleBase rules = RuleBase.fromDirectory(dir);
        assertThat(rules.interpretedBecause()).hasValueSatisfying(why -> assertThat(why).contains("T-02"));

        // the JIT compiles a constraint on another thread once it has run 20 times, and the
        // evaluation after that would fail: many more than 20, so the compiled one is reached
        int failures = 20_000;
        KieSession session = rules.kieBase().newKieSession();
        try {
            for (int i = 0; i < failures; i++) {
                session.insert(Failure.of(Instant.EPOCH.plusSeconds(i), ComponentId.of("c" + i), Cause.HEARTBEAT_SILENT,
                        "test", true, "FI-01", List.of("e" + i)));
            }
            assertThat(session.fireAllRules()).isEqualTo(failures);
        } finally {
            session.dispose();
        }
    }

    @Test
    void theDefaultRules_runWithTheJitOn() {
        assertThat(RuleBase.defaults().interpretedBecause()).isEmpty();
    }
}

