package org.kizuna.pki;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} command line as an independent reader of what we write. Tests that
 * use it are skipped, saying so, where the binary is missing (the pure-Java checks still run), and
 * fail under {@code CI=true}, where a missing prerequisite is the run's fault, never a reason to skip.
 */
final class OpenSsl {

    record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    static void assumeInstalled() {
        if (!isInstalled() && "true".equals(System.getenv("CI"))) {
            fail("CI=true and the openssl binary is not on PATH: the OpenSSL cross-check cannot run");
        }
        if (!isInstalled()) {
            System.err.println("*** SKIPPING the OpenSSL cross-check: openssl binary not found on PATH ***");
        }
        assumeTrue(isInstalled(), "openssl binary not found on PATH: skipping the OpenSSL cross-check");
    }

    static Result run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("openssl did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    private static boolean isInstalled() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
