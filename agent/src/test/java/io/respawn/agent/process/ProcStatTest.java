package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void commandNameWithSpacesAndParentheses_doesNotShiftTheFields() {
        // field 2 is "(a) (b c)": read after the last ')'
        String stat = "4211 ((a) (b c)) T 4200 4211 4211 0 -1 4194560 96 0 0 0 0 0 0 0 20 0 1 0 221473 2654208 395";

        assertThat(ProcStat.parse(stat)).contains(new ProcStat(4211, 'T', 4200, 4211, 4211, 221473));
        assertThat(ProcStat.parse(stat).orElseThrow().isStopped()).isTrue();
    }

    @Test
    void zombie_isDeadAlready() {
        String stat = "20266 (perl) Z 20204 20261 20261 0 -1 4227148 92 0 0 0 0 0 0 0 20 0 1 0 221476 0 0";
        assertThat(ProcStat.parse(stat).orElseThrow().isZombie()).isTrue();
    }

    @Test
    void truncatedOrGarbledText_isNoProcess() {
        assertThat(ProcStat.parse("")).isEmpty();
        assertThat(ProcStat.parse("12 (sleep) S 1 12")).isEmpty();
        assertThat(ProcStat.parse("x (sleep) S 1 12 12 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0")).isEmpty();
    }

    @Test
    void ownProcess_isReadFromProc() {
        ProcStat self = ProcFs.stat(ProcessHandle.current().pid()).orElseThrow();
        assertThat(self.state()).isIn('R', 'S');
        assertThat(self.startTicks()).isPositive();
        assertThat(ProcFs.startInstant(self.startTicks()))
                .isBetween(ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(2),
                        ProcessHandle.current().info().startInstant().orElseThrow().plusSeconds(2));
    }
}
