package io.respawn.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * The framing both ends use: a 4-byte length, then JSON. A frame longer than
 * {@link FrameCodec#MAX_FRAME_BYTES} fails the decoder (and the connection); so does one
 * that is not a frame. Both ends use this very pipeline.
 */
public final class FramePipeline {
    private FramePipeline() {
    }

    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast("length", new LengthFieldBasedFrameDecoder(FrameCodec.MAX_FRAME_BYTES, 0, 4, 0, 4));
        pipeline.addLast("prefix", new LengthFieldPrepender(4));
        pipeline.addLast("decode", new MessageToMessageDecoder<ByteBuf>() {
            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                out.add(FrameCodec.decode(ByteBufUtil.getBytes(in)));
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
