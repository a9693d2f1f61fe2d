package io.respawn.agent.process;

/**
 * How a process ended: one of an exit code and a signal, or neither when the status is
 * unknown ({@link #UNKNOWN}: a re-adopted process is not this JVM's child, so nobody here
 * can collect its status).
 *
 * <p>The JDK reports a child killed by signal N as exit value 128 + N (as a shell does),
 * so values 129 to 192 are read as signals 1 to 64. A program that calls
 * {@code exit(137)} itself reads as signal 9: the two cannot be told apart from Java.
 */
record ExitStatus(Integer exitCode, Integer signal) {
    private static final int SIGNAL_BASE = 128;
    private static final int MAX_SIGNAL = 64;

    static final ExitStatus UNKNOWN = new ExitStatus(null, null);

    static ExitStatus fromExitValue(int value) {
        if (value > SIGNAL_BASE && value <= SIGNAL_BASE + MAX_SIGNAL) {
            return new ExitStatus(null, value - SIGNAL_BASE);
        }
        return new ExitStatus(value, null);
    }

    /** Plain words: {@code "exit code 3"} or {@code "signal 9"}. */
    String how() {
        if (exitCode == null && signal == null) {
            return "exit status unknown";
        }
        return signal != null ? "signal " + signal : "exit code " + exitCode;
    }
}
