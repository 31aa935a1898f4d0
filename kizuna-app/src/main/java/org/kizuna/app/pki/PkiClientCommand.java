package org.kizuna.app.pki;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.Pkcs12;
import org.kizuna.pki.TakServerEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kizuna pki client NAME}: a client certificate plus the data package a TAK client imports. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Issue a client certificate and the data package that connects a TAK client in one step.",
            "Writes DIR/pki/clients/NAME.pem, NAME.key.pem, NAME.p12 and NAME-package.zip."})
final class PkiClientCommand extends PkiSubcommand {

    @Parameters(index = "0", paramLabel = "NAME",
            description = "The user's name (certificate CN): letters, digits, '.', '_' and '-'.")
    String name;

    @Option(names = "--groups", paramLabel = "GROUP", split = ",",
            description = "Groups the user belongs to, recorded in DIR/" + ClientGroupsFile.FILE_NAME + ".")
    List<String> groups;

    @Option(names = "--password", paramLabel = "P",
            description = "Password of the client .p12 (default: " + Pkcs12.DEFAULT_PASSWORD + ", what TAK clients expect).")
    String password;

    @Option(names = "--host", paramLabel = "H",
            description = "Server address written into the package (default: the server certificate's first host).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + TakServerEndpoint.DEFAULT_PORT,
            description = "TLS streaming port written into the package (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    void run(NodePki pki, PrintWriter out) throws IOException {
        // Read and check clients.yaml first, so a broken file stops us before a certificate exists.
        ClientGroupsFile groupsFile = groups == null ? null : ClientGroupsFile.load(dataDir);
        if (groupsFile != null) {
            groupsFile.setGroups(name, groups);
        }

        NodePki.ClientFiles files = pki.issueClient(name, password == null ? null : password.toCharArray(), host, port);
        if (groupsFile != null) {
            groupsFile.save();
        }

        out.printf("Issued a certificate for '%s', valid until %s, in %s%n", name,
                files.certificate().certificate().getNotAfter().toInstant(), pki.clientsDirectory());
        out.printf("  %-22s data package: open it in ATAK, iTAK or WinTAK to connect to %s%n",
                files.dataPackage().getFileName(), files.server().connectString());
        out.printf("  %-22s client key and certificate for TAK clients (password %s)%n",
                files.keyStoreFile().getFileName(), password == null ? Pkcs12.DEFAULT_PASSWORD : "as given");
        out.printf("  %-22s client certificate%n", files.certificateFile().getFileName());
        out.printf("  %-22s client private key%n", files.privateKeyFile().getFileName());
        if (groupsFile != null) {
            out.printf("Groups: %s (recorded in %s)%n", String.join(", ", groupsFile.groups(name)), groupsFile.file());
        }
        out.printf("The package holds the user's private key: hand it to that user only.%n");
        if (files.server().isLoopback()) {
            out.printf("Warning: the package points to %s, which a phone cannot reach; issue it again with "
                    + "--host ADDRESS (delete %s.* first).%n", files.server().host(), name);
        }
        out.flush();
    }
}
