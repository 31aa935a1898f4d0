package org.kizuna.server.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedTrustManager;
import org.kizuna.server.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's revocation list as every listener sees it: loaded from {@code DATA/pki/crl.pem} when
 * the node starts, reloaded when the file changes ({@link #refresh()}, which the server calls
 * twice a second), consulted at every TLS handshake, and applied to connections already open.
 *
 * <p>Two pieces go into a listener, built here so that every listener gets both:
 * <ul>
 *   <li>{@link #trustManager}: wraps the PKIX check; a revoked client certificate fails the handshake.</li>
 *   <li>{@link #gate}: a handler right after the TLS handler. It remembers each connection's client
 *       certificate, so that a revocation closes the connections of that certificate, and it closes
 *       a connection whose TLS session was resumed (no certificate check at all) with a revoked one.</li>
 * </ul>
 *
 * <p>Fail-safe rules: an unreadable or unverifiable CRL at start stops the node; later, a bad file,
 * a missing file, or a list older (lower CRL number) than the one in force is refused with an
 * error in the log, and the node keeps the list it has. A running node never forgets a revocation.
 */
public final class Revocations {

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);

    /** A connection closed because its certificate was revoked, for the audit log. */
    public record Closed(String listener, String subject, String serial, String remote, RevocationList.Entry entry) {
    }

    private record Peer(X509Certificate certificate, String listener) {
    }

    /** What the file looked like when last read: an atomic replace gives a new file key. */
    private record Stamp(FileTime modified, long size, Object fileKey) {
    }

    private final Path crlFile;
    private final Path caFile;
    private final ServerMetrics metrics;
    private final Map<Channel, Peer> connections = new ConcurrentHashMap<>();
    private final List<Consumer<RevocationList>> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Closed>> closeListeners = new CopyOnWriteArrayList<>();
    private volatile RevocationList current = RevocationList.EMPTY;
    private boolean loaded;
    private Stamp stamp;

    private Revocations(Path crlFile, Path caFile, ServerMetrics metrics) {
        this.crlFile = crlFile;
        this.caFile = caFile;
        this.metrics = metrics;
    }

    /** The revocations of the CRL next to the node's trusted CA ({@link TlsFiles#crlPem()}). */
    public static Revocations watching(TlsFiles files, ServerMetrics metrics) {
        return new Revocations(files.crlPem(), files.trustedCaPem(), metrics);
    }

    /** Never revokes anything, never counts (benchmarks: a bare relay to compare the server with). */
    public static Revocations none() {
        return new Revocations(null, null, null);
    }

    /**
     * Reads the CRL, if there is one, the first time it is called.
     *
     * @throws IOException if the file exists but is not a CRL the node's CA signed: the node must
     *                     not start accepting certificates it may have revoked
     */
    public synchronized void load() throws IOException {
        if (loaded || crlFile == null) {
            return;
        }
        Stamp now = stampOf(crlFile);
        if (now != null) {
            current = RevocationList.read(crlFile, ServerTls.readCertificates(caFile));
            log.info("certificate revocation list {} loaded: {} revoked, CRL number {}", crlFile, current.size(),
                    current.number());
        }
        stamp = now;
        loaded = true;
    }

    /**
     * Reloads the CRL when the file changed; when the list changed, closes the connections whose
     * certificates it now revokes and tells the listeners. Never throws. Returns true when a new
     * list is in force.
     */
    public boolean refresh() {
        RevocationList next;
        synchronized (this) {
            next = reload();
            if (next == null) {
                return false;
            }
            current = next;
        }
        log.info("certificate revocation list {} reloaded: {} revoked, CRL number {}", crlFile, next.size(), next.number());
        sweep(next);
        for (Consumer<RevocationList> l : changeListeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.error("a revocation listener failed", e);
            }
        }
        return true;
    }

    /** The new list when the file changed and holds a newer, valid one; else null. Under the lock. */
    private RevocationList reload() {
        if (!loaded || crlFile == null) {
            return null;
        }
        try {
            Stamp now = stampOf(crlFile);
            if (now == null || now.equals(stamp)) {
                if (now == null && stamp != null) {
                    log.error("{} disappeared; the node keeps the {} revocations it holds", crlFile, current.size());
                }
                stamp = now;
                return null;
            }
            stamp = now;
            RevocationList next = RevocationList.read(crlFile, ServerTls.readCertificates(caFile));
            if (next.number().compareTo(current.number()) < 0) {
                log.error("{} has CRL number {}, older than the {} in force: refused, the node keeps its list", crlFile,
                        next.number(), current.number());
                return null;
            }
            return next;
        } catch (IOException | RuntimeException e) {
            log.error("cannot reload the revocation list, the node keeps the one it holds: {}", e.getMessage());
            return null;
        }
    }

    private static Stamp stampOf(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The list in force. */
    public RevocationList current() {
        return current;
    }

    /** The revocation of {@code certificate} under the list in force. */
    public Optional<RevocationList.Entry> find(X509Certificate certificate) {
        return current.find(certificate);
    }

    /** {@code pkix} plus this list: a revoked certificate fails the handshake on {@code listener}. */
    public X509ExtendedTrustManager trustManager(X509ExtendedTrustManager pkix, String listener) {
        return new RevocationTrustManager(pkix, this, listener);
    }

    /** The handler to put right after a listener's TLS handler (see the class comment). */
    public ChannelHandler gate(String listener) {
        return new RevocationGate(this, listener);
    }

    /** {@code listener} hears each new list in force (federation closes revoked partners' links). */
    public void onChange(Consumer<RevocationList> listener) {
        changeListeners.add(listener);
    }

    /** {@code listener} hears each connection closed for a revocation (the node audits them). */
    public void onClosed(Consumer<Closed> listener) {
        closeListeners.add(listener);
    }

    /** Logs and counts a handshake refused for a revoked certificate. */
    void refused(X509Certificate certificate, RevocationList.Entry entry, String listener, String remote) {
        metrics.tlsRefused("revoked");
        log.warn("{}: refused revoked certificate '{}' serial {} from {} (revoked {}, {})", listener,
                certificate.getSubjectX500Principal().getName(), hex(certificate), remote, entry.revokedAt(),
                entry.reason());
    }

    /** A connection of {@code listener} authenticated by {@code certificate}: closed if it is revoked later. */
    void opened(Channel channel, X509Certificate certificate, String listener) {
        connections.put(channel, new Peer(certificate, listener));
        channel.closeFuture().addListener(f -> connections.remove(channel));
    }

    /** Takes {@code channel} out of the watched connections; true for the one caller that should close it. */
    boolean claim(Channel channel) {
        return connections.remove(channel) != null;
    }

    private void sweep(RevocationList list) {
        connections.forEach((channel, peer) -> list.find(peer.certificate()).ifPresent(entry -> {
            if (!claim(channel)) {
                return;
            }
            Closed closed = new Closed(peer.listener(), peer.certificate().getSubjectX500Principal().getName(),
                    hex(peer.certificate()), String.valueOf(channel.remoteAddress()), entry);
            metrics.closed("revoked");
            log.warn("{}: closing the connection of revoked certificate '{}' serial {} from {} (revoked {}, {})",
                    closed.listener(), closed.subject(), closed.serial(), closed.remote(), entry.revokedAt(),
                    entry.reason());
            // told (audited) before the close, so nobody sees the connection gone before its record
            for (Consumer<Closed> l : closeListeners) {
                try {
                    l.accept(closed);
                } catch (RuntimeException e) {
                    log.error("recording the closed connection of {} failed", closed.subject(), e);
                }
            }
            channel.close();
        }));
    }

    static String hex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
