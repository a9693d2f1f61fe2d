package io.respawn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Cuts the byte stream into frames, counting them so an error can say which frame was
 * bad (the JSON is read by the next handler, one frame at a time, so a frame it cannot
 * read does not hold up the frames behind it). A length over
 * {@link FrameCodec#MAX_FRAME_BYTES} is refused as soon as the 4-byte prefix is read,
 * before any of the frame is buffered, and whatever follows it is dropped unread. One
 * instance per connection.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private static final int PREFIX_BYTES = 4;

    private long frames;
    private boolean discarding;

    FrameDecoder() {
        // the limit here counts the prefix too; the check on the length alone is below
        super(FrameCodec.MAX_FRAME_BYTES + PREFIX_BYTES, 0, PREFIX_BYTES, 0, PREFIX_BYTES);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long bytes = super.getUnadjustedFrameLength(buf, offset, length, order);
        if (frames == 0 && looksLikeTls(bytes)) {
            throw new TooLongFrameException("frame 1 - the peer speaks TLS and this end does not: TLS is on at"
                    + " one end of the link only");
        }
        if (bytes > FrameCodec.MAX_FRAME_BYTES) {
            throw new TooLongFrameException("frame " + (frames + 1) + " - too large: " + bytes + " bytes (limit "
                    + FrameCodec.MAX_FRAME_BYTES + ")");
        }
        return bytes;
    }

    /**
     * A TLS record read as a length: a content type from 20 to 23 (alert, handshake, ...)
     * and version 3.x. As a length it is far past the cap, so no frame is mistaken for it.
     */
    private static boolean looksLikeTls(long prefix) {
        long contentType = prefix >>> 24;
        return contentType >= 20 && contentType <= 23 && ((prefix >>> 16) & 0xff) == 3;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        ByteBuf frame;
        try {
            frame = (ByteBuf) super.decode(ctx, in);
        } catch (TooLongFrameException e) {
            // the stream is out of step from here on: drop it all, the connection is closing
            discarding = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (frame != null) {
            frames++;
        }
        return frame;
    }
}
