package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.WebClient;

/**
 * A handler that fails with an {@link Error} rather than an exception (a stack overflow on
 * hostile input, a class that fails to link) still answers: 500 with a problem body, counted. It
 * used to end the worker's task without a response, and the client waited until its timeout.
 */
class HandlerFailureTest {

    @TempDir
    Path dir;

    @Test
    void anErrorInAHandlerAnswers500AndTheNextRequestIsServed() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        HealthCheck overflowing = new HealthCheck("store", () -> {
            if (fail.get()) {
                throw new StackOverflowError("simulated");
            }
            return true;
        });
        try (RunningWeb node = new RunningWeb(dir, Map.of(), new MemoryAccounts(), null, HistorySink.NONE,
                HttpSettings.DEFAULTS, List.of(overflowing))) {
            WebClient client = new WebClient(node.pki().trustOnlyContext(), node.base());
            HttpResponse<String> failed = client.get("/health");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(WebClient.json(failed).get("title").asText()).isEqualTo("Internal error");
            assertThat(node.count("kizuna.http.refused", "internal-error")).isEqualTo(1);
            fail.set(false);
            assertThat(client.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
