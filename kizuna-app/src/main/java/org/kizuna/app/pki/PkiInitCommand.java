package org.kizuna.app.pki;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.Pkcs12;
import org.kizuna.pki.TakServerEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kizuna pki init}: creates the node's CA, server certificate and trust store. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create the node's CA, server certificate and trust store in DIR/pki.",
            "Refuses to run when a CA already exists: every certificate issued so far depends on it."})
final class PkiInitCommand extends PkiSubcommand {

    @Option(names = "--node", paramLabel = "NAME",
            description = "Node name, shown to TAK users as the server's name (default: this machine's host name).")
    String nodeName;

    @Option(names = "--host", paramLabel = "H", split = ",",
            description = {"DNS name or IP address clients reach the server by; repeat or separate with commas.",
                "The first one goes into client packages by default, so put the address phones use first.",
                "Default: this machine's host name, localhost, 127.0.0.1."})
    List<String> hosts;

    @Override
    void run(NodePki pki, PrintWriter out) throws IOException {
        String localName = localHostName();
        String node = nodeName != null ? nodeName : localName;
        List<String> serverHosts = hosts != null ? distinct(hosts) : distinct(List.of(localName, "localhost", "127.0.0.1"));

        IssuedCertificate server = pki.init(node, serverHosts);

        out.printf("Created the PKI of node '%s' in %s%n", node, pki.directory());
        out.printf("  ca.pem          CA certificate; give it to partners (kizuna pki export-ca)%n");
        out.printf("  ca.key.pem      CA private key; keep it secret and back it up offline%n");
        out.printf("  server.pem      server certificate and chain for %s, valid until %s%n",
                String.join(", ", serverHosts), server.certificate().getNotAfter().toInstant());
        out.printf("  server.key.pem  server private key%n");
        out.printf("  truststore.p12  the CA for TAK clients (password %s)%n", Pkcs12.DEFAULT_PASSWORD);
        out.printf("Next, issue a certificate and data package for each user:%n");
        out.printf("  kizuna pki client NAME --data %s [--groups A,B]%n", dataDir);
        out.printf("and open %s in ATAK, iTAK or WinTAK.%n", pki.clientsDirectory().resolve("NAME-package.zip"));
        if (TakServerEndpoint.isLoopback(serverHosts.get(0))) {
            out.printf("Note: packages point to %s by default, which a phone cannot reach; "
                    + "pass --host ADDRESS to 'kizuna pki client'.%n", serverHosts.get(0));
        }
        out.flush();
    }

    private static List<String> distinct(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values.stream().map(String::trim).toList()));
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
