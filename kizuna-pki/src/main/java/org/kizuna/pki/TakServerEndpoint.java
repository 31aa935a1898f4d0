package org.kizuna.pki;

import java.util.regex.Pattern;

/**
 * Where a TAK client connects: the TLS streaming port of a node, written into a connection
 * package as {@code host:port:ssl}.
 *
 * @param name the node name, shown to the user in the client's server list
 * @param host DNS name or IPv4 address the device can reach (not {@code localhost} unless the
 *             client runs on the server machine)
 * @param port TLS streaming port, 8089 by TAK convention
 */
public record TakServerEndpoint(String name, String host, int port) {

    /** TAK's TLS streaming port. */
    public static final int DEFAULT_PORT = 8089;

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    public TakServerEndpoint {
        FileNames.requireSafe("server name", name);
        if (host == null || host.contains(":")) {
            // TAK clients split the connect string on ':', so an IPv6 literal cannot be written.
            throw new IllegalArgumentException("invalid server host '" + host
                    + "': IPv6 literals cannot be written in a TAK connect string; use a DNS name or IPv4 address");
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("invalid server host '" + host + "': expected a DNS name or IPv4 address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
    }

    /** {@code host:port:ssl}, the value of a TAK client's {@code connectString0} preference. */
    public String connectString() {
        return host + ":" + port + ":ssl";
    }

    /** Whether this host names the server machine itself, which no phone can reach. */
    public boolean isLoopback() {
        return isLoopback(host);
    }

    /** Whether {@code host} is {@code localhost}, a 127.x address or {@code ::1}. */
    public static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
