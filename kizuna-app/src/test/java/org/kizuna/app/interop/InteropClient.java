package org.kizuna.app.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One run of the independent TAK client ({@code interop/client.mjs}, built on
 * {@code @tak-ps/node-tak} and {@code @tak-ps/node-cot}) as a child process. Both pipes are read
 * continuously so the child never blocks; every wait has a timeout.
 */
final class InteropClient implements AutoCloseable {

    static final Path INTEROP = Path.of("..", "interop").toAbsolutePath().normalize();

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private InteropClient(Process process) {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    /**
     * Fails (under {@code CI=true}) or aborts the test loudly when Node.js or the installed client
     * is missing; {@code ./kizuna test} installs it with {@code npm ci} first.
     */
    static void requireInstalled() {
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

    static InteropClient start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", INTEROP.resolve("client.mjs").toString()));
        command.addAll(args);
        return new InteropClient(new ProcessBuilder(command).start());
    }

    /** Waits for a stdout line starting with {@code prefix} (e.g. READY, OK). */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
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

    /** Waits for the client to exit and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("interop client still running after " + timeout + "\n" + transcript());
        }
        return process.exitValue();
    }

    String transcript() {
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
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "interop-" + (isStdout ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
