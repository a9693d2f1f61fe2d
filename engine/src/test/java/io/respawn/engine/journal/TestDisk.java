package io.respawn.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk for journal tests: real files underneath, with a byte budget after which a write
 * stores what fits and fails as a full disk does, an fsync that can be made to fail, a
 * count of fsyncs, and an fsync gate a test opens by hand.
 */
final class TestDisk implements SegmentFile.Opener {
    final AtomicInteger forces = new AtomicInteger();
    final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    volatile boolean forceFails;
    volatile CountDownLatch gate;
    volatile CountDownLatch forceStarted = new CountDownLatch(1);

    @Override
    public SegmentFile open(Path file) throws IOException {
        SegmentFile real = SegmentFile.FILES.open(file);
        return new SegmentFile() {
            @Override
            public void append(ByteBuffer bytes) throws IOException {
                long left = budget.get();
                if (bytes.remaining() > left) {
                    ByteBuffer fits = bytes.duplicate();
                    fits.limit(fits.position() + (int) Math.max(0, left));
                    real.append(fits);
                    budget.set(0);
                    throw new IOException("No space left on device");
                }
                budget.addAndGet(-bytes.remaining());
                real.append(bytes);
            }

            @Override
            public void force() throws IOException {
                forceStarted.countDown();
                CountDownLatch g = gate;
                if (g != null) {
                    try {
                        if (!g.await(30, TimeUnit.SECONDS)) {
                            throw new IOException("test gate never opened");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
                if (forceFails) {
                    throw new IOException("Input/output error");
                }
                forces.incrementAndGet();
                real.force();
            }

            @Override
            public long size() throws IOException {
                return real.size();
            }

            @Override
            public byte byteAt(long position) throws IOException {
                return real.byteAt(position);
            }

            @Override
            public void truncate(long size) throws IOException {
                real.truncate(size);
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
