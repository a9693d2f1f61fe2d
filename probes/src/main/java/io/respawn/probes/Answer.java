package io.respawn.probes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a server has sent so far in one conversation, up to {@link #LIMIT_BYTES}. Read by
 * the I/O thread as bytes arrive and by the timer thread when the deadline passes.
 */
final class Answer {
    /** More than this is not read: a probe's answer is short, and a flood proves nothing. */
    static final int LIMIT_BYTES = 64 * 1024;

    private byte[] bytes = new byte[512];
    private int size;
    private boolean closed;

    /** Appends what {@code buffer} holds (flipped), as much as fits under the limit. */
    synchronized void append(ByteBuffer buffer) {
        int take = Math.min(buffer.remaining(), LIMIT_BYTES - size);
        if (size + take > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(LIMIT_BYTES, Math.max(size + take, bytes.length * 2)));
        }
        buffer.get(bytes, size, take);
        size += take;
    }

    /** The server closed its side: nothing more will arrive. */
    synchronized void close() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized boolean isFull() {
        return size >= LIMIT_BYTES;
    }

    synchronized boolean isEmpty() {
        return size == 0;
    }

    synchronized byte[] bytes() {
        return Arrays.copyOf(bytes, size);
    }

    /** The bytes so far as UTF-8; a malformed or cut-off character reads as U+FFFD. */
    synchronized String text() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }
}
