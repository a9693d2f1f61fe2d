package io.respawn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * The framing both ends use: a 4-byte length, then JSON. A frame longer than
 * {@link FrameCodec#MAX_FRAME_BYTES} fails the decoder (and the connection) as soon as
 * its length is read; so does one that is not a frame. The decoder's errors name the
 * frame's number on the connection ({@code frame 3 - ...}).
 */
public final class FramePipeline {
    private FramePipeline() {
    }

    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast("length", new FrameDecoder());
        pipeline.addLast("prefix", new LengthFieldPrepender(4));
        pipeline.addLast("decode", new MessageToMessageDecoder<ByteBuf>() {
            private long frames;

            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                frames++;
                out.add(FrameCodec.decode(ByteBufUtil.getBytes(in), "frame " + frames));
            }
        });
        pipeline.addLast("encode", new MessageToMessageEncoder<Frame>() {
            @Override
            protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
                out.add(ctx.alloc().buffer().writeBytes(FrameCodec.encode(frame)));
            }
        });
    }
}
