package io.respawn.agent.process;

import java.util.Optional;

/**
 * One line of /proc/PID/stat, the fields the supervisor uses.
 *
 * @param state      the state letter: R, S, D, T (stopped), t (traced), Z (zombie), ...
 * @param startTicks field 22, the start time in clock ticks since boot; with the PID it
 *                   names one process for good, since a reused PID has a later start
 */
record ProcStat(long pid, char state, long ppid, long pgid, long sid, long startTicks) {

    boolean isZombie() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /** Stopped by a signal or by a tracer: it cannot act on SIGTERM until continued. */
    boolean isStopped() {
        return state == 'T' || state == 't';
    }

    /**
     * Parses the text of /proc/PID/stat. The command name (field 2) is in parentheses and
     * may itself hold spaces and parentheses, so the fields are read after the last ')'.
     */
    static Optional<ProcStat> parse(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 >= text.length()) {
            return Optional.empty();
        }
        String[] rest = text.substring(close + 2).trim().split(" ");
        if (rest.length < 20) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(text.substring(0, open).trim());
            return Optional.of(new ProcStat(pid, rest[0].charAt(0), Long.parseLong(rest[1]),
                    Long.parseLong(rest[2]), Long.parseLong(rest[3]), Long.parseLong(rest[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
