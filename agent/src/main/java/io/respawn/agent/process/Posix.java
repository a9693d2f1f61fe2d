package io.respawn.agent.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few C library calls Java 17 cannot make: {@code kill(2)} of a process group and of
 * a process that is not our child, {@code prctl(PR_SET_CHILD_SUBREAPER)}, {@code waitpid}
 * of one specific PID, and the kernel's clock tick. Linux only (signal numbers as on
 * x86-64 and arm64).
 */
final class Posix {
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    static final int SIGCONT = 18;
    static final int SIGSTOP = 19;

    private static final Logger LOG = LoggerFactory.getLogger(Posix.class);
    private static final int EPERM = 1;
    private static final int ESRCH = 3;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    private static final int SC_CLK_TCK = 2;

    /** The libc functions used, mapped by JNA; each throws on -1 with errno. */
    interface LibC extends Library {
        int kill(int pid, int signal) throws LastErrorException;

        int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

        int waitpid(int pid, int[] status, int options) throws LastErrorException;

        long sysconf(int name) throws LastErrorException;
    }

    private static final LibC C = Native.load("c", LibC.class);

    private Posix() {
    }

    /**
     * Sends {@code signal} to {@code pid}, or to the process group {@code -pid} when negative.
     *
     * @return false when there was no such process or group (or it was not ours to signal)
     */
    static boolean kill(long pid, int signal) {
        try {
            C.kill(Math.toIntExact(pid), signal);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return false;
            }
            if (e.getErrorCode() == EPERM) {
                LOG.warn("kill refused: pid={} signal={} errno=EPERM", pid, signal);
                return false;
            }
            throw new IllegalStateException("kill(" + pid + ", " + signal + ") - failed: errno "
                    + e.getErrorCode(), e);
        }
    }

    /**
     * True if a process (or, with {@code -pgid}, a member of the process group) exists,
     * zombies included: {@code kill(pid, 0)} succeeds or is refused for lack of permission.
     */
    static boolean exists(long pid) {
        try {
            C.kill(Math.toIntExact(pid), 0);
            return true;
        } catch (LastErrorException e) {
            return e.getErrorCode() != ESRCH;
        }
    }

    /** Makes this JVM a child subreaper: orphaned descendants are re-parented to it, not to PID 1. */
    static void becomeSubreaper() {
        try {
            C.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        } catch (LastErrorException e) {
            throw new IllegalStateException("prctl(PR_SET_CHILD_SUBREAPER) - failed: errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Collects the exit status of the child {@code pid} if it has ended. Never called with
     * -1: that would steal exit statuses from the JDK's own process reaper.
     *
     * @return true if a zombie was reaped
     */
    static boolean reap(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid - must be positive: " + pid);
        }
        try {
            return C.waitpid(Math.toIntExact(pid), new int[1], WNOHANG) > 0;
        } catch (LastErrorException e) {
            return false;   // ECHILD: not our child (any more)
        }
    }

    /** Clock ticks per second, the unit of the start time in /proc/PID/stat. */
    static long clockTicksPerSecond() {
        try {
            return C.sysconf(SC_CLK_TCK);
        } catch (LastErrorException e) {
            return 100;
        }
    }
}
