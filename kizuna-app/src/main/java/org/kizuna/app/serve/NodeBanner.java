package org.kizuna.app.serve;

import org.kizuna.federation.Federation;
import org.kizuna.federation.FederationConfig;
import org.kizuna.federation.Partner;
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
        node.federation().ifPresent(f -> describeFederation(node, f, b));
        return b.toString();
    }

    private static void describeFederation(RunningNode node, Federation f, StringBuilder b) {
        FederationConfig fed = node.config().federation();
        if (fed.listener().enabled()) {
            b.append("  federation       ").append(fed.listener().bindAddress()).append(':').append(f.port())
                    .append("  (").append(fed.nation()).append("; partner certificates only)\n");
        }
        for (Partner p : fed.partners()) {
            b.append("    partner ").append(p.nodeId()).append(" (").append(p.nation()).append(") ")
                    .append(p.dials() ? "dialled at " + p.dial() : "dials us").append('\n');
        }
    }
}
