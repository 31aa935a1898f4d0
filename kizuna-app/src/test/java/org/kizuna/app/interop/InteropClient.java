package org.kizuna.app.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One run of the independent TAK client ({@code interop/client.mjs}, built on
 * {@code @tak-ps/node-tak} and {@code @tak-ps/node-cot}) as a child process. Both pipes are read
 * continuously so the child never blocks; every wait has a timeout. Started with {@code --steps}
 * and {@code --print}, the test drives it line by line ({@link #send}) and reads what it received
 * ({@link #events}, {@link #awaitEvent}).
 */
public final class InteropClient implements AutoCloseable {

    static final Path INTEROP = Path.of("..", "interop").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final List<JsonNode> events = new ArrayList<>();
    private int steps;
    private boolean stdoutClosed;

    private InteropClient(Process process) {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    /**
     * Fails (under {@code CI=true}) or aborts the test loudly when Node.js or the installed client
     * is missing; {@code ./kizuna test} installs it with {@code npm ci} first.
     */
    public static void requireInstalled() {
        String problem = null;
        if (!Files.isDirectory(INTEROP.resolve("node_modules/@tak-ps/node-tak"))) {
            problem = "interop/node_modules is missing: run 'npm ci' in interop/ (./kizuna test does)";
        } else {
            try {
                Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
                if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    problem = "'node --version' failed";
                }
            } catch (IOException | InterruptedException e) {
                problem = "Node.js is not installed: " + e.getMessage();
            }
        }
        if (problem != null) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("interop suite cannot run with CI=true: " + problem);
            }
            System.err.println("*** SKIPPING the node-tak interop suite: " + problem + " ***");
            Assumptions.abort(problem);
        }
    }

    public static InteropClient start(List<String> args) throws IOException {
        return startScript("client.mjs", args);
    }

    /** Another script of {@code interop/} (e.g. {@code api.mjs}, node-tak's REST API classes). */
    public static InteropClient startScript(String script, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", INTEROP.resolve(script).toString()));
        command.addAll(args);
        return new InteropClient(new ProcessBuilder(command).start());
    }

    /** Waits for a stdout line starting with {@code prefix} (e.g. READY, OK). */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        synchronized (stdoutSeen) {
            for (String line : stdoutSeen) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no '" + prefix + "' line within " + timeout + "\n" + transcript());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * {@code --steps}: has the client write one CoT event (XML on one line; node-cot re-encodes it
     * as protobuf after {@code --protobuf}) and returns once the client has written it.
     */
    public void send(String xml) throws InterruptedException {
        if (xml.indexOf('\n') >= 0 || xml.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a step is one line: " + xml);
        }
        int step;
        synchronized (this) {
            step = ++steps;
            try {
                OutputStream in = process.getOutputStream();
                in.write(("send " + xml + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the client has gone\n" + transcript(), e);
            }
        }
        awaitLine("STEP " + step + " sent", Duration.ofSeconds(20));
    }

    /** {@code --steps}: closes the connection (as a client that leaves) and waits for exit 0. */
    public void disconnect() throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write("close\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        int code = awaitExit(Duration.ofSeconds(20));
        if (code != 0) {
            throw new AssertionError("client exited " + code + "\n" + transcript());
        }
    }

    /** Every event received so far ({@code --print} lines), in arrival order. */
    public List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The first received event that matches, waiting for it up to {@code timeout}. */
    public JsonNode awaitEvent(Predicate<JsonNode> match, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (JsonNode e : events) {
                    if (match.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && stdoutClosed) {
                    throw new AssertionError("never received " + what + " within " + timeout + "\n" + transcript());
                }
                TimeUnit.NANOSECONDS.timedWait(events, left);
            }
        }
    }

    /** The first received event with this uid. */
    public JsonNode awaitUid(String uid) throws InterruptedException {
        return awaitEvent(e -> uid.equals(e.path("uid").asText(null)), "uid " + uid, Duration.ofSeconds(20));
    }

    /** Waits for the client to exit and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("interop client still running after " + timeout + "\n" + transcript());
        }
        return process.exitValue();
    }

    /** Every stdout line so far, in order. */
    public List<String> lines() {
        synchronized (stdoutSeen) {
            return List.copyOf(stdoutSeen);
        }
    }

    public String transcript() {
        List<String> lines;
        synchronized (stdoutSeen) {
            lines = new ArrayList<>(stdoutSeen);
        }
        return "stdout:\n  " + String.join("\n  ", lines) + "\nstderr:\n" + stderr;
    }

    private void pump(BufferedReader reader, boolean isStdout) {
        Thread t = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (isStdout) {
                        synchronized (stdoutSeen) {
                            stdoutSeen.add(line);
                        }
                        stdout.add(line);
                        if (line.startsWith("{")) {
                            received(line);
                        }
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                if (isStdout) {
                    synchronized (events) {
                        stdoutClosed = true;
                        events.notifyAll();
                    }
                }
            }
        }, "interop-" + (isStdout ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }

    private void received(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (IOException e) {
            stderr.append("(test) not a JSON event line: ").append(line).append('\n');
            return;
        }
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
