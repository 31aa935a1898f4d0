package org.kizuna.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.kizuna.cot.xml.CotXmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the scenario's units to a node once per interval, over TLS with its own client
 * certificate, exactly as a gateway would. Reconnects when the connection drops. Whatever the
 * server sends back (the protocol offer, pongs) is read and discarded so the simulator never
 * becomes a slow consumer.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);

    private final SSLSocketFactory sockets;
    private final String host;
    private final int port;
    private final List<SimulatedUnit> units;
    private final Duration interval;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SSLSocket socket;

    public Simulator(SSLSocketFactory sockets, String host, int port, List<SimulatedUnit> units, Duration interval,
                     Clock clock) {
        this.sockets = sockets;
        this.host = host;
        this.port = port;
        this.units = List.copyOf(units);
        this.interval = interval;
        this.clock = clock;
        this.thread = new Thread(this::run, "kizuna-simulator");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try (SSLSocket s = (SSLSocket) sockets.createSocket(host, port)) {
                socket = s;
                s.startHandshake();
                startDiscarding(s.getInputStream());
                log.info("simulator connected to {}:{} with {} units", host, port, units.size());
                publishUntilClosed(s.getOutputStream());
            } catch (IOException e) {
                if (running) {
                    log.warn("simulator connection to {}:{} failed: {}; retrying", host, port, e.getMessage());
                    sleep(Duration.ofSeconds(2));
                }
            }
        }
    }

    private void publishUntilClosed(OutputStream out) throws IOException {
        Duration staleAfter = interval.multipliedBy(5).plusSeconds(10);
        while (running) {
            for (SimulatedUnit unit : units) {
                out.write(CotXmlWriter.toBytes(unit.reportAt(clock.instant(), staleAfter)));
            }
            out.flush();
            sleep(interval);
        }
    }

    private void startDiscarding(InputStream in) {
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                while (in.read(buf) >= 0) {
                    // nothing to do with what the server sends the simulator
                }
            } catch (IOException e) {
                // the writer notices the closed socket and reconnects
            }
        }, "kizuna-simulator-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void sleep(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        SSLSocket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("closing simulator socket", e);
            }
        }
        thread.interrupt();
    }
}
