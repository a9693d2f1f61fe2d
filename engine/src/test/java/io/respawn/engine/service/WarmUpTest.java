package io.respawn.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.respawn.engine.oracle.RuleBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {
    @Test
    void rehearsesAtLeastOnceWithTheEnginesRules() {
        WarmUp.Done done = WarmUp.run(RuleBase.defaults(), Duration.ofMillis(1));

        assertThat(done.rounds()).isEqualTo(1);
        // the room boots, beats, crashes, hangs and is restarted: hundreds of facts through both codecs
        assertThat(done.facts()).isGreaterThan(300);
    }

    @Test
    void beforeASmallRecovery_itRuns_andNotAfterIt() {
        RuleBase rules = RuleBase.defaults();
        long small = WarmUp.LARGE_RECOVERY_BYTES - 1;

        assertThat(WarmUp.beforeRecovery(rules, Duration.ofMillis(1), small).rounds()).isEqualTo(1);
        assertThat(WarmUp.afterRecovery(rules, Duration.ofMillis(1), small, 0).rounds()).isZero();
    }

    @Test
    void aLargeRecoveryComesFirst_andIsTheRehearsal_ifItFiredTheRulesEnough() {
        RuleBase rules = RuleBase.defaults();
        long large = WarmUp.LARGE_RECOVERY_BYTES;

        assertThat(WarmUp.beforeRecovery(rules, Duration.ofMillis(1), large).rounds()).isZero();
        assertThat(WarmUp.afterRecovery(rules, Duration.ofMillis(1), large, WarmUp.RECOVERY_REHEARSES).rounds())
                .isZero();
        assertThat(WarmUp.afterRecovery(rules, Duration.ofMillis(1), large, WarmUp.RECOVERY_REHEARSES - 1).rounds())
                .isEqualTo(1);
    }

    @Test
    void aZeroBudgetSkipsIt() {
        assertThat(WarmUp.run(RuleBase.defaults(), Duration.ZERO)).isEqualTo(new WarmUp.Done(0, 0, Duration.ZERO));
    }

    @Test
    void rulesThatCannotRunTheRehearsalOnlyEndItEarly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.drl"), """
                package rules.broken
                import io.respawn.facts.ProcessExited
                rule "fails on every exit"
                when
                    ProcessExited()
                then
                    throw new IllegalStateException("not on my watch");
                end
                """);

        WarmUp.Done done = WarmUp.run(RuleBase.load(dir), Duration.ofSeconds(30));

        assertThat(done.rounds()).isZero();
        assertThat(done.took()).isLessThan(Duration.ofSeconds(30));
    }
}
