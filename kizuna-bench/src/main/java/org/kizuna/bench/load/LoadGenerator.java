package org.kizuna.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.kizuna.bench.load.LoadResult.Connections;
import org.kizuna.bench.load.LoadResult.PhaseResult;
import org.kizuna.bench.load.LoadResult.Resources;
import org.kizuna.bench.load.LoadResult.Settings;
import org.kizuna.bench.load.TargetProbe.Sample;

/**
 * Runs one load against one server: connects the clients on a gentle ramp, lets them warm up,
 * runs the phases, waits for what is in flight, and collects the figures. Clients are Netty
 * channels on a few event loops (epoll when available), never a thread per connection.
 *
 * <p>Every wait is bounded: the ramp, the handshakes, the phases and the drain all have
 * deadlines, so a run ends by itself even against a server that stopped answering.
 */
public final class LoadGenerator {

    /** Handshakes in flight at once: a server sees arrivals, not a SYN flood. */
    private static final int MAX_HANDSHAKES_IN_FLIGHT = 64;
    private static final long READY_TIMEOUT_MS = 60_000;

    private final LoadSpec spec;
    private final LoadIdentities identities;
    private final TargetProbe probe;
    private final Consumer<String> progress;

    public LoadGenerator(LoadSpec spec, LoadIdentities identities, TargetProbe probe, Consumer<String> progress) {
        this.spec = spec;
        this.identities = identities;
        this.probe = probe;
        this.progress = progress;
    }

    /** Runs the load against {@code target} and returns what it measured; {@code name} labels the result. */
    public LoadResult run(String name, InetSocketAddress target) throws InterruptedException {
        LoadRun run = new LoadRun(spec);
        Sample before = probe.sample(true);
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(spec.loops(), new DefaultThreadFactory("load"),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<LoadClient> clients = new ArrayList<>(spec.clients());
        List<Channel> channels = new ArrayList<>(spec.clients());
        try {
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
            long rampStart = System.nanoTime();
            connectAll(run, bootstrap, target, clients, channels);
            int ready = awaitReady(clients);
            double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
            progress.accept(String.format("%s: %d of %d clients connected in %.1f s", name, ready, spec.clients(), rampSeconds));
            double[] cpu = runPhases(run, clients);
            progress.accept(name + ": phases done, waiting up to " + spec.drain().toMillis() + " ms for messages in flight");
            drain(clients);
            Sample after = probe.sample(true);
            Tallies tallies = collect(run, clients);
            return result(name, rampSeconds, tallies, before, after, cpu);
        } finally {
            run.closing();
            channels.forEach(Channel::close);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private void connectAll(LoadRun run, Bootstrap bootstrap, InetSocketAddress target, List<LoadClient> clients,
                            List<Channel> channels) throws InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_HANDSHAKES_IN_FLIGHT);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(60 + 3L * spec.clients() / spec.rampPerSecond());
        for (int i = 0; i < spec.clients(); i++) {
            long due = start + (long) (i * 1e9 / spec.rampPerSecond());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                progress.accept("ramp deadline passed after " + i + " connection attempts; going on with those");
                return;
            }
            LoadClient client = new LoadClient(i, i < spec.slowClients(), run);
            client.ready().whenComplete((ok, failure) -> inFlight.release());
            clients.add(client);
            channels.add(connect(bootstrap, target, i, client).channel());
        }
    }

    private ChannelFuture connect(Bootstrap bootstrap, InetSocketAddress target, int index, LoadClient client) {
        ChannelFuture connected = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(identities.forClient(index)
                        .newHandler(ch.alloc(), target.getHostString(), target.getPort()), client);
            }
        }).connect(target);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                client.ready().completeExceptionally(f.cause());
            }
        });
        return connected;
    }

    private static int awaitReady(List<LoadClient> clients) throws InterruptedException {
        CompletableFuture<?>[] all = clients.stream().map(LoadClient::ready).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // counted below: some clients failed or never got there
        }
        return (int) clients.stream().filter(c -> c.ready().isDone() && !c.ready().isCompletedExceptionally()).count();
    }

    /** Runs warm-up and phases; returns {server, load generator, whole machine} CPU seconds during the phases. */
    private double[] runPhases(LoadRun run, List<LoadClient> clients) throws InterruptedException {
        RunClock clock = run.clock();
        clock.startPhases(clock.nowMicros() + spec.warmup().toNanos() / 1000);
        sleepUntil(clock, clock.phaseStartMicros(0));
        double serverCpu0 = probe.sample(false).cpuSeconds();
        long loadCpu0 = processCpuNanos();
        double machineCpu0 = MachineCpu.busySeconds();
        List<Phase> phases = clock.phases();
        for (int p = 0; p < phases.size(); p++) {
            sleepUntil(clock, clock.phaseStartMicros(p));
            progress.accept("phase " + phases.get(p).name() + " (" + phases.get(p).duration().toSeconds() + " s)");
            if (phases.get(p).stall()) {
                clients.stream().limit(spec.slowClients()).forEach(LoadClient::stopReading);
            }
        }
        sleepUntil(clock, clock.endMicros());
        double serverCpu1 = probe.sample(false).cpuSeconds();
        double machineCpu1 = MachineCpu.busySeconds();
        double serverCpu = serverCpu0 < 0 || serverCpu1 < 0 ? -1 : serverCpu1 - serverCpu0;
        double machineCpu = machineCpu0 < 0 || machineCpu1 < 0 ? -1 : machineCpu1 - machineCpu0;
        return new double[] {serverCpu, (processCpuNanos() - loadCpu0) / 1e9, machineCpu};
    }

    private static void sleepUntil(RunClock clock, long micros) throws InterruptedException {
        long wait = micros - clock.nowMicros();
        if (wait > 0) {
            TimeUnit.MICROSECONDS.sleep(wait);
        }
    }

    /**
     * Waits for the messages still in flight: until every reading client has what the others
     * sent, or the drain is over. A server that coalesced or dropped takes the whole drain; one
     * that delivered everything is not measured after a guess at how long delivery takes. Asked
     * every 100 ms: each asking is a task on every client's event loop, which are still reading.
     */
    private void drain(List<LoadClient> clients) throws InterruptedException {
        long deadline = System.nanoTime() + spec.drain().toNanos();
        while (!allDelivered(clients)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private boolean allDelivered(List<LoadClient> clients) throws InterruptedException {
        List<ClientTally> tallies = new ArrayList<>(clients.size());
        try {
            for (LoadClient c : clients) {
                tallies.add(c.tally().get(30, TimeUnit.SECONDS));
            }
        } catch (ExecutionException | TimeoutException e) {
            return false; // counted when the results are collected
        }
        return Tallies.allDelivered(spec.phases().size(), tallies);
    }

    private Tallies collect(LoadRun run, List<LoadClient> clients) throws InterruptedException {
        try {
            List<ClientTally> tallies = new ArrayList<>(clients.size());
            for (LoadClient c : clients) {
                tallies.add(c.tally().get(30, TimeUnit.SECONDS));
            }
            List<Histogram[]> perLoop = new ArrayList<>();
            for (var entry : run.allStats().entrySet()) {
                perLoop.add(entry.getKey().submit(entry.getValue()::copy).get(30, TimeUnit.SECONDS));
            }
            return new Tallies(spec.phases(), tallies, perLoop);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not collect the clients' counters: " + e, e);
        }
    }

    private LoadResult result(String name, double rampSeconds, Tallies tallies, Sample before, Sample after, double[] cpu) {
        List<PhaseResult> phases = tallies.phases();
        int ready = tallies.ready();
        Connections connections = new Connections(spec.clients(), ready, spec.clients() - ready,
                tallies.disconnected(), rampSeconds);
        Resources server = new Resources(cpu[0], before.heapBytes(), after.heapBytes(), before.rssBytes(),
                after.rssBytes(), perConnection(before.heapBytes(), after.heapBytes(), ready),
                perConnection(before.rssBytes(), after.rssBytes(), ready));
        Settings settings = new Settings(spec.clients(), spec.rate(), spec.chatRate(), spec.format().name(),
                spec.rampPerSecond(), spec.warmup().toMillis() / 1000.0, spec.drain().toMillis() / 1000.0,
                identities.size(), spec.loops());
        List<String> errors = new ArrayList<>(tallies.errors());
        if (tallies.echoes() > 0) {
            errors.add(0, tallies.echoes() + " x a client received its own message back");
        }
        return new LoadResult(name, settings, connections, phases, tallies.overall(phases), tallies.slowClients(),
                server, cpu[1], cpu[2], errors);
    }

    private static double perConnection(long before, long after, int connections) {
        return before < 0 || after < 0 || connections == 0 ? -1 : (double) (after - before) / connections;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
