package org.kizuna.app.history;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.kizuna.app.config.ConfigException;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.Pem;
import org.kizuna.server.stream.ClientCertificates;
import org.kizuna.store.EventQuery;
import org.kizuna.store.InvalidQueryException;
import org.kizuna.store.StoreException;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kizuna replay}: re-sends stored history as CoT over TCP, at N times real time. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-send stored events as CoT to a server, over TLS with a client certificate "
                + "(--cert/--key/--ca) or plain streaming TCP, for exercises and reviews.")
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--from", required = true, paramLabel = "T", description = "Start: ISO-8601 instant, 'now' or -2h.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "T", description = "End (exclusive): ISO-8601 instant, 'now' or -2h.")
    String to;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N", description = "N times real time (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "Where to send: a TLS streaming input (Kizuna's 8089) with --cert/--key/--ca, "
                    + "otherwise a plain streaming TCP input (Kizuna's 8087, TAK Server's stcp).")
    String target;

    @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate chain (PEM) to present over TLS.")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "The client certificate's private key (PEM).")
    Path key;

    @Option(names = "--ca", paramLabel = "PEM", description = "CA certificate(s) (PEM) the server's certificate must chain to.")
    Path ca;

    @Option(names = "--uid", paramLabel = "U", description = "Only this uid.")
    String uid;

    @Option(names = "--type", paramLabel = "P", description = "Only this CoT type and its subtypes.")
    String type;

    @Option(names = "--keep-times", description = "Send the stored times unchanged (receivers may discard them as stale).")
    boolean keepTimes;

    @Option(names = "--as", paramLabel = "NAME",
            description = "Release each event as the node would to this certificate name (or web:ACCOUNT): its groups, "
                    + "clearance and the posture in force. Default: the name in --cert, else an anonymous client.")
    String as;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Instant now = Instant.now();
            EventQuery query = EventQuery.builder().from(TimeArgument.parse("from", from, now))
                    .to(TimeArgument.parse("to", to, now)).uid(uid).typePrefix(type).limit(EventQuery.MAX_LIMIT).build();
            InetSocketAddress address = address(target);
            boolean tls = tlsRequested();
            ClientIdentity recipient = recipient(tls);
            try (JdbcHistoryStore store = storeOptions.open();
                 ReplayRelease release = ReplayRelease.of(storeOptions.config(), recipient, Clock.systemUTC());
                 Socket socket = connect(address, tls)) {
                Replayer replayer = new Replayer(store, speed, keepTimes, Clock.systemUTC(), release::releasable);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                Replayer.Result result = replayer.replay(query, out);
                long unreadable = result.skipped() - release.withheld();
                spec.commandLine().getOut().println("replayed " + result.sent() + " events to " + target
                        + (tls ? " over TLS" : "") + " as " + release.recipientName()
                        + (release.withheld() > 0 ? " (" + release.withheld() + " withheld by the release boundary)" : "")
                        + (unreadable > 0 ? " (" + unreadable + " unreadable, skipped)" : ""));
            }
            return 0;
        } catch (InvalidQueryException e) {
            err.println("kizuna replay: --" + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("kizuna replay: " + e.getMessage());
            return 2;
        } catch (ConfigException | StoreException | IOException e) {
            err.println("kizuna replay: " + e.getMessage());
            return 1;
        }
    }

    /** Who the replay goes to: {@code --as}, else the certificate's own name, else an anonymous client. */
    private ClientIdentity recipient(boolean tls) throws IOException {
        if (as != null) {
            return as.startsWith("web:") ? ClientIdentity.webAccount(as.substring(4)) : ClientIdentity.recorded(as);
        }
        if (tls) {
            List<X509Certificate> chain = Pem.readCertificates(cert);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("--cert " + cert + " holds no certificate");
            }
            return ClientCertificates.identity(chain.get(0));
        }
        return ClientIdentity.anonymous("replay");
    }

    /** All three TLS files or none: a half-configured TLS replay must not fall back to plain TCP. */
    private boolean tlsRequested() {
        int given = (cert == null ? 0 : 1) + (key == null ? 0 : 1) + (ca == null ? 0 : 1);
        if (given != 0 && given != 3) {
            throw new IllegalArgumentException("--cert, --key and --ca go together (TLS); give all three or none (plain TCP)");
        }
        return given == 3;
    }

    private Socket connect(InetSocketAddress address, boolean tls) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(address, 10_000);
            if (!tls) {
                return plain;
            }
            SSLSocket secure = (SSLSocket) ClientTls.context(cert, key, ca).getSocketFactory()
                    .createSocket(plain, address.getHostString(), address.getPort(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            secure.setSoTimeout(10_000);
            // Handshake now, so a refused certificate is reported as such and not as a write error.
            secure.startHandshake();
            secure.setSoTimeout(0);
            return secure;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new InvalidQueryException("target", "expected HOST:PORT, got '" + hostPort + "'");
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(hostPort.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("target", "port must be 1..65535 in '" + hostPort + "'");
        }
    }
}
