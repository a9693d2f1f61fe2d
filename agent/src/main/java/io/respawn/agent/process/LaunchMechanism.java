package io.respawn.agent.process;

/**
 * The way the JDK starts child processes. vfork gets a child to exec in about 0.7 ms here,
 * posix_spawn (the JDK 17 default, through an extra exec of {@code jspawnhelper}) in 3.5 ms.
 * The JDK reads the setting once, when the first process of the JVM starts; OSHI's native
 * library loading runs {@code ldconfig -p} early, so the choice is made before anything else
 * in the agent starts. An explicit {@code -Djdk.lang.Process.launchMechanism} wins.
 */
public final class LaunchMechanism {
    static final String PROPERTY = "jdk.lang.Process.launchMechanism";

    private LaunchMechanism() {
    }

    /** Chooses vfork unless the JVM was told otherwise; call before any process is started. */
    public static void preferVfork() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "VFORK");
        }
    }
}
