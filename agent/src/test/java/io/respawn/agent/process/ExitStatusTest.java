package io.respawn.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitStatusTest {

    @ParameterizedTest(name = "exit value {0} -> {1}")
    @CsvSource({
        "0,   exit code 0",     // clean exit
        "3,   exit code 3",     // failure code
        "128, exit code 128",   // not a signal: 128 + 0
        "137, signal 9",        // SIGKILL, as the JDK reports it
        "143, signal 15",       // SIGTERM
        "192, signal 64",       // the last real-time signal
        "193, exit code 193",   // beyond any signal
        "255, exit code 255",   // exit(-1)
    })
    void jdkExitValue_isReadAsCodeOrSignal(int value, String how) {
        assertThat(ExitStatus.fromExitValue(value).how()).isEqualTo(how);
    }
}
