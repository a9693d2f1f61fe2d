package io.respawn.probes;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill(2) on a whole process group, which the JDK cannot do (it signals one process at a
 * time). Absent on systems without a C library JNA can load, where {@link #available()}
 * is false and callers fall back to the process tree the JDK can see.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
    /** SIGKILL is 9 on every POSIX system; signal 0 only checks that a target exists. */
    private static final int SIGKILL = 9;
    private static final int EXISTS = 0;

    /** The C library's kill(2). */
    public interface CLibrary extends Library {
        int kill(int pid, int signal);
    }

    private static final CLibrary LIBC = load();

    private Signals() {
    }

    static boolean available() {
        return LIBC != null;
    }

    /** Sends SIGKILL to every process in group {@code pgid}; a group already gone is not an error. */
    static void killGroup(long pgid) {
        LIBC.kill(-checked(pgid), SIGKILL);
    }

    /** Whether any process is still in group {@code pgid}. */
    static boolean groupExists(long pgid) {
        return LIBC.kill(-checked(pgid), EXISTS) == 0;
    }

    /** Group 0 is the caller's own group and 1 would be init's: never signal those. */
    private static int checked(long pgid) {
        if (pgid <= 1 || pgid > Integer.MAX_VALUE || pgid == ProcessHandle.current().pid()) {
            throw new IllegalArgumentException("process group - refusing to signal group " + pgid);
        }
        return (int) pgid;
    }

    private static CLibrary load() {
        try {
            return Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("cannot load the C library; probe commands' leftover processes are found through their "
                    + "parents only", e);
            return null;
        }
    }
}
