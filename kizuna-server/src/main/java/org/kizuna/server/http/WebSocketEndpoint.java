package org.kizuna.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** A path where an HTTP request may upgrade to a WebSocket (the live feed). */
public interface WebSocketEndpoint {

    String path();

    /**
     * Authorises and upgrades {@code raw} (on the event loop) and returns null, or returns the
     * refusal to send instead. {@code request} is the same request, detached, for the shared checks.
     */
    Response open(ChannelHandlerContext ctx, FullHttpRequest raw, Request request);
}
