package org.kizuna.server.http;

import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The names the node answers to ({@code http.hosts}). A request whose {@code Host} is another
 * name was meant for another server, or is a browser misled by DNS rebinding (an attacker's name
 * that now resolves to this node, so the attacker's page counts as "same origin" and its
 * {@code Origin} matches the {@code Host} it sent); both are refused before anything else runs.
 * Writes and WebSocket upgrades from a browser must also come from a page on one of these names.
 *
 * <p>Names are compared normalised: lower case, without a trailing dot, IPv6 literals in brackets
 * and compressed. A leading {@code *.} matches exactly one more label, as in a certificate.
 */
public final class AllowedHosts {

    /** What a local tool or a browser on the node itself calls it. */
    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> names;

    private AllowedHosts(Collection<String> names) {
        Set<String> normalised = new LinkedHashSet<>();
        names.forEach(n -> normalised.add(normalise(n)));
        this.names = Set.copyOf(normalised);
    }

    public static AllowedHosts of(Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("http.hosts must name at least one host");
        }
        return new AllowedHosts(names);
    }

    /**
     * {@code configured} when not empty, else the server certificate's DNS names and IP addresses
     * (when {@code certificateChainPem} is given: the listener speaks TLS) plus {@link #LOOPBACK}.
     */
    public static AllowedHosts resolve(List<String> configured, Path certificateChainPem) throws IOException {
        if (!configured.isEmpty()) {
            return of(configured);
        }
        List<String> names = new ArrayList<>();
        if (certificateChainPem != null) {
            names.addAll(certificateNames(certificateChainPem));
        }
        names.addAll(LOOPBACK);
        return of(names);
    }

    /** The normalised names, in no particular order. */
    public Set<String> names() {
        return names;
    }

    /** Whether the {@code Host} header value (port ignored) is one of the names. */
    public boolean allowsHost(String hostHeader) {
        return hostHeader != null && hostName(hostHeader).map(this::allowsName).orElse(false);
    }

    /**
     * Whether {@code origin} is a page of this node as reached by {@code hostHeader}: the scheme of
     * this listener, one of the names, and the port the browser used for this request (another
     * port on the same name is another site's origin, yet SameSite cookies would be sent).
     */
    public boolean allowsOrigin(String origin, boolean secure, String hostHeader) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = secure ? "https" : "http";
        if (!scheme.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null) {
            return false;
        }
        int defaultPort = secure ? 443 : 80;
        int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        return allowsName(normalise(uri.getHost())) && originPort == port(hostHeader, defaultPort);
    }

    private boolean allowsName(String name) {
        if (names.contains(name)) {
            return true;
        }
        int dot = name.indexOf('.');
        return dot > 0 && names.contains("*" + name.substring(dot));
    }

    /** The name part of a {@code Host} value, normalised; empty when it is not a valid host[:port]. */
    static Optional<String> hostName(String hostHeader) {
        String h = hostHeader.trim();
        String name;
        String port;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            name = h.substring(0, end + 1);
            port = h.substring(end + 1);
        } else {
            int colon = h.indexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? "" : h.substring(colon);
        }
        if (!port.isEmpty() && !port.matches(":[0-9]{1,5}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(normalise(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int port(String hostHeader, int defaultPort) {
        String h = hostHeader == null ? "" : hostHeader.trim();
        int colon = h.lastIndexOf(':');
        if (colon < 0 || h.lastIndexOf(']') > colon) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * One name as compared: lower case, no trailing dot, IPv6 compressed in brackets.
     *
     * @throws IllegalArgumentException when it is not a DNS name, IP literal or {@code *.}name
     */
    static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        String bare = n.startsWith("[") && n.endsWith("]") ? n.substring(1, n.length() - 1) : n;
        if (NetUtil.isValidIpV6Address(bare)) {
            byte[] ip = NetUtil.createByteArrayFromIpAddressString(bare);
            if (ip != null && ip.length == 16) {
                return "[" + NetUtil.bytesToIpAddress(ip) + "]";
            }
        }
        if (NetUtil.isValidIpV4Address(n)) {
            return n;
        }
        if (!n.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*") || n.length() > 253) {
            throw new IllegalArgumentException("http.hosts: not a host name or IP address: '" + name + "'");
        }
        return n;
    }

    /** The DNS names and IP addresses (subjectAltName) of the first certificate in {@code pem}. */
    static List<String> certificateNames(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (chain.isEmpty() || !(chain.iterator().next() instanceof X509Certificate server)) {
                throw new IOException(pem + " holds no certificate");
            }
            List<String> names = new ArrayList<>();
            Collection<List<?>> alt = server.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    int type = (Integer) entry.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
            return names;
        } catch (CertificateException e) {
            throw new IOException(pem + ": unreadable certificate: " + e.getMessage(), e);
        }
    }
}
