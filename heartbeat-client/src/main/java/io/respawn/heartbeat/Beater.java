package io.respawn.heartbeat;

import java.lang.System.Logger.Level;
import java.time.Duration;

/** The daemon thread behind {@link HeartbeatClient#startBeating}: a failed send is logged and the next one tried. */
final class Beater implements Runnable {
    private static final System.Logger LOG = System.getLogger(Beater.class.getName());

    private final HeartbeatClient client;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean stopped;

    private Beater(HeartbeatClient client, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval - must be greater than 0: " + interval);
        }
        this.client = client;
        this.intervalMillis = interval.toMillis();
        this.thread = new Thread(this, "respawn-heartbeat-" + client.component());
        thread.setDaemon(true);
    }

    static Beater start(HeartbeatClient client, Duration interval) {
        Beater beater = new Beater(client, interval);
        beater.thread.start();
        return beater;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        while (!stopped) {
            try {
                client.beat(client.currentStatus());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "heartbeat send failed, will retry: " + e.getMessage());
            }
            next += intervalMillis * 1_000_000L;
            long waitMillis = Math.max(0, (next - System.nanoTime()) / 1_000_000L);
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
