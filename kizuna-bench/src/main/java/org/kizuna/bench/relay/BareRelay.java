package org.kizuna.bench.relay;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.kizuna.cot.CotLimits;
import org.kizuna.server.tls.Revocations;
import org.kizuna.server.tls.ServerTls;
import org.kizuna.server.tls.TlsFiles;

/**
 * The bare relay: the baseline every Kizuna figure is compared with. It does the least a TAK
 * server must do on its streaming port: TLS with a required client certificate (the same context
 * Kizuna builds, from the same files), split the stream on {@code </event>}, and forward each
 * event's bytes to every other client through a bounded queue per recipient. No parsing, no
 * groups, no picture, no protobuf: XML only, as the relay cannot answer a {@code t-x-takp}
 * negotiation.
 *
 * <p>It runs on the same Netty transport, thread counts, socket options and write watermarks as
 * Kizuna, so the difference between the two is the work Kizuna does, not the plumbing.
 *
 * <pre>
 *   java -cp ... org.kizuna.bench.relay.BareRelay PKI_DIR PORT [BIND]
 * </pre>
 */
public final class BareRelay implements AutoCloseable {

    private final Set<RelayOutbound> clients = ConcurrentHashMap.newKeySet();
    private final LongAdder dropped = new LongAdder();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;

    private BareRelay(EventLoopGroup boss, EventLoopGroup workers, SslContext ssl, String bind, int port)
            throws IOException, InterruptedException {
        this.boss = boss;
        this.workers = workers;
        boolean epoll = Epoll.isAvailable();
        var bound = new ServerBootstrap().group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()))
                                .addLast("relay", new RelayHandler(clients, dropped, CotLimits.DEFAULTS.maxFrameBytes()));
                    }
                })
                .bind(bind, port).await();
        if (!bound.isSuccess()) {
            throw new IOException("relay cannot listen on " + bind + ":" + port + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        this.listener = bound.channel();
    }

    /** Starts a relay with the node's TLS files; {@code port} 0 picks a free port. */
    public static BareRelay start(TlsFiles tls, String bind, int port) throws IOException, InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("relay-accept"), io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("relay-io"), io);
        try {
            return new BareRelay(boss, workers, ServerTls.serverContext(tls, Revocations.none()), bind, port);
        } catch (IOException | InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public int clients() {
        return clients.size();
    }

    /** Frames not written because the recipient's queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        clients.forEach(c -> c.channel().close());
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /**
     * Runs a relay until the process is stopped. No shutdown hook: on SIGTERM the JVM simply
     * exits, which closes every socket; a graceful stop would only slow the bench down.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: BareRelay PKI_DIR PORT [BIND]   (PKI_DIR holds server.pem, server.key.pem, ca.pem)");
            System.exit(2);
        }
        BareRelay relay = start(TlsFiles.inPkiDir(Path.of(args[0])), args.length == 3 ? args[2] : "127.0.0.1",
                Integer.parseInt(args[1]));
        System.out.println("bare relay listening on port " + relay.port());
        new CountDownLatch(1).await();
    }
}
