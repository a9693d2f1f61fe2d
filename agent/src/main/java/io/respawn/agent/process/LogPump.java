package io.respawn.agent.process;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a run's output (stdout and stderr, merged) into the component's log until the
 * last process holding the pipe closes it. One thread per run.
 */
final class LogPump implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogPump.class);

    private final String component;
    private final InputStream in;
    private final RotatingLog log;

    private LogPump(String component, InputStream in, RotatingLog log) {
        this.component = component;
        this.in = in;
        this.log = log;
    }

    static void start(String component, long pid, InputStream in, RotatingLog log) {
        Thread thread = new Thread(new LogPump(component, in, log), "respawn-log-" + component + "-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                write(buffer, n);
            }
        } catch (IOException e) {
            LOG.debug("output pipe closed: component={} cause={}", component, e.toString());
        }
    }

    private void write(byte[] buffer, int n) {
        try {
            log.write(buffer, 0, n);
        } catch (IOException e) {
            LOG.warn("log write failed, output dropped: component={} file={} bytes={} cause={}",
                    component, log.file(), n, e.toString());
        }
    }
}
