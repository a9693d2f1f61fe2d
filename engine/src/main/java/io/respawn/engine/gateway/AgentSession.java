package io.respawn.engine.gateway;

import io.netty.channel.Channel;
import io.respawn.wire.Frame;

/** An authenticated connection from the agent of {@code node}, in run {@code incarnation}. */
public final class AgentSession {
    private final String node;
    private final String incarnation;
    private final Channel channel;

    AgentSession(String node, String incarnation, Channel channel) {
        this.node = node;
        this.incarnation = incarnation;
        this.channel = channel;
    }

    public String node() {
        return node;
    }

    public String incarnation() {
        return incarnation;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Sends a frame; returns at once (the write completes on the connection's event loop). */
    public void send(Frame frame) {
        channel.writeAndFlush(frame);
    }

    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return node + "/" + incarnation + "@" + channel.remoteAddress();
    }
}
