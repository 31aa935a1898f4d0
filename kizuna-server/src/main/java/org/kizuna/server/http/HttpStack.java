package org.kizuna.server.http;

import java.util.concurrent.ExecutorService;
import org.kizuna.server.ServerMetrics;

/**
 * What one HTTP listener's pipeline needs: its limits, its routes behind a dispatcher, the worker
 * threads, and its WebSocket endpoint (null when it has none). The web API (8443) and the
 * enrollment port (8446) are two stacks on the same workers.
 */
record HttpStack(HttpSettings settings, ServerMetrics metrics, ExecutorService workers, Dispatcher dispatcher,
                 WebSocketEndpoint webSocket) {
}
