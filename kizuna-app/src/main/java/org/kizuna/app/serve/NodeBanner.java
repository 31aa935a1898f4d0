package org.kizuna.app.serve;

import org.kizuna.server.ServerConfig;

/** The lines a starting node prints: where it listens and how to reach it. */
public final class NodeBanner {

    private NodeBanner() {
    }

    public static String describe(RunningNode node) {
        ServerConfig c = node.config().server();
        StringBuilder b = new StringBuilder();
        b.append("Kizuna node ").append(c.nodeId()).append(" is running (data: ").append(node.config().dataDir()).append(")\n");
        if (c.tls().enabled()) {
            b.append("  TLS streaming    ").append(c.tls().bindAddress()).append(':').append(node.server().port("tls"))
                    .append("  (client certificates from ").append(node.config().pkiDir().resolve("ca.pem")).append(")\n");
        }
        if (c.plain().enabled()) {
            b.append("  plain streaming  ").append(c.plain().bindAddress()).append(':').append(node.server().port("plain"))
                    .append("  (no authentication; anonymous group)\n");
        }
        node.web().ifPresent(web -> {
            var http = node.config().http();
            String host = http.listener().bindAddress().equals("0.0.0.0") ? "localhost" : http.listener().bindAddress();
            b.append("  web COP          ").append(http.tls() ? "https://" : "http://").append(host).append(':')
                    .append(web.port()).append("/  (accounts: kizuna user add)\n");
        });
        return b.toString();
    }
}
