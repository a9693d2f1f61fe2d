package io.respawn.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The few file operations the journal needs, so a test can put a disk that fills up or
 * fails under it. The default is a {@link FileChannel}.
 */
interface SegmentFile extends AutoCloseable {
    /** Opens (without creating) a segment for reading and writing. */
    @FunctionalInterface
    interface Opener {
        SegmentFile open(Path file) throws IOException;
    }

    Opener FILES = file -> new Channel(FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));

    /** Writes all of {@code bytes} at the end. */
    void append(ByteBuffer bytes) throws IOException;

    void force() throws IOException;

    long size() throws IOException;

    /** Reads one byte at {@code position}. */
    byte byteAt(long position) throws IOException;

    void truncate(long size) throws IOException;

    @Override
    void close() throws IOException;

    /** The real thing. */
    final class Channel implements SegmentFile {
        private final FileChannel channel;

        Channel(FileChannel channel) throws IOException {
            this.channel = channel;
            channel.position(channel.size());
        }

        @Override
        public void append(ByteBuffer bytes) throws IOException {
            channel.position(channel.size());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public byte byteAt(long position) throws IOException {
            ByteBuffer one = ByteBuffer.allocate(1);
            if (channel.read(one, position) != 1) {
                throw new IOException("no byte at " + position);
            }
            return one.get(0);
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
