package org.kizuna.bench.undertest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kizuna.bench.load.TargetProbe;

/**
 * A server under test in its own JVM, started from this JVM's class path: the real
 * {@code kizuna serve}, or the bare relay. A separate process is what makes its heap, resident
 * memory and CPU time measurable apart from the load generator's; it prints to a log file.
 */
public final class TargetProcess implements TargetProbe, AutoCloseable {

    private static final java.util.regex.Pattern TLS_READY =
            java.util.regex.Pattern.compile("streaming TLS ready \\((\\w+) provider");

    private static final long START_TIMEOUT_MS = 60_000;

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private TargetProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code kizuna serve} on a free loopback port with a heap limit such as {@code "1g"},
     * on an empty history (see {@link BenchNode#clearHistory}).
     */
    public static TargetProcess kizuna(BenchNode node, String heap, Path logDir) throws IOException, InterruptedException {
        int port = freePort();
        node.clearHistory();
        Path config = node.kizunaConfig(port);
        return start("kizuna", List.of("org.kizuna.app.Kizuna", "serve", "--data", node.dataDir().toString(),
                "--config", config.toString()), port, heap, logDir);
    }

    /** Starts the bare relay with the node's TLS files on a free loopback port. */
    public static TargetProcess relay(BenchNode node, String heap, Path logDir) throws IOException, InterruptedException {
        int port = freePort();
        return start("relay", List.of("org.kizuna.bench.relay.BareRelay", node.pkiDir().toString(),
                String.valueOf(port), "127.0.0.1"), port, heap, logDir);
    }

    private static TargetProcess start(String name, List<String> mainAndArgs, int port, String heap, Path logDir)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
        command.addAll(extraOptions(name, port));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TargetProcess target = new TargetProcess(name, process, port, log);
        try {
            target.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    /**
     * JVM options for the server from {@code KIZUNA_BENCH_SERVER_OPTS} (split on spaces), for
     * profiling: {@code {name}} becomes {@code kizuna} or {@code relay} plus the port, so
     * {@code -XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile} records each
     * server of a run to its own file.
     */
    static List<String> extraOptions(String name, int port) {
        String opts = System.getenv("KIZUNA_BENCH_SERVER_OPTS");
        if (opts == null || opts.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String opt : opts.trim().split("\\s+")) {
            out.add(opt.replace("{name}", name + "-" + port));
        }
        return out;
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * The TLS provider the server logged at start ({@code OPENSSL} or {@code JDK}), or
     * {@code "unknown"}: figures on the JDK's TLS are not comparable with OpenSSL ones.
     */
    public String tlsProvider() {
        try {
            java.util.regex.Matcher m = TLS_READY.matcher(java.nio.file.Files.readString(log));
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Polls the port; each server logs the one probe that got through as a failed TLS handshake. */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before listening; see " + log
                        + ":\n" + ProcFiles.tail(log, 20));
            }
            try (Socket probe = new Socket()) {
                probe.connect(address(), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException(name + " did not listen on port " + port + " within " + START_TIMEOUT_MS + " ms; see " + log);
    }

    @Override
    public Sample sample(boolean withHeap) {
        long heap = withHeap ? ProcFiles.liveHeapBytes(process.pid()) : -1;
        return new Sample(ProcFiles.cpuSeconds(process.pid()), heap, ProcFiles.rssBytes(process.pid()));
    }

    /** Stops the server as an operator would (SIGTERM, so shutdown hooks run), forcibly after ten seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
