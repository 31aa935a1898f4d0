package org.kizuna.app.demo;

import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.NodeBanner;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.http.HttpSettings;
import org.kizuna.server.session.Group;
import org.kizuna.server.session.GroupMembership;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna demo}: a development node with its own PKI, two demo users' connection packages
 * and a simulator publishing moving units around Tokyo, so a TAK client that connects sees traffic
 * at once. Everything lives under {@code --data} and is reused on the next run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a demo node with a moving scenario and print how to connect.")
public final class DemoCommand implements Callable<Integer> {

    static final List<String> USERS = List.of("demo-alpha", "demo-bravo");
    static final String SIMULATOR = "demo-simulator";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "demo-data", paramLabel = "DIR",
            description = "Where the demo keeps its PKI and packages (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8089", description = "TLS streaming port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0",
            description = "Address to listen on; 0.0.0.0 lets a phone on the same network connect.")
    String bind;

    @Option(names = "--web-port", defaultValue = "8080",
            description = "Web COP port, plain HTTP on loopback only (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: run until Ctrl-C).")
    Integer durationSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path data = dataDir.toAbsolutePath();
        NodePki pki = NodePki.in(data);
        List<String> hosts = hosts();
        if (!pki.isInitialized()) {
            pki.init("kizuna-demo", hosts);
            out.println("Created a development PKI in " + pki.directory());
        }
        for (String user : concat(USERS, List.of(SIMULATOR))) {
            if (!Files.exists(pki.clientsDirectory().resolve(user + ".pem"))) {
                pki.issueClient(user, null, null, port);
            }
        }
        NodeConfig config = demoConfig(data);
        CountDownLatch stop = new CountDownLatch(1);
        try (RunningNode node = RunningNode.start(config);
             Simulator simulator = new Simulator(simulatorTls(pki).getSocketFactory(), "127.0.0.1",
                     node.server().port("tls"), TokyoScenario.units(), Duration.ofSeconds(1), Clock.systemUTC())) {
            simulator.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "kizuna-demo-stop"));
            node.history().ifPresent(h -> DemoAccount.ensure(h.store().accounts()));
            out.println(NodeBanner.describe(node));
            out.println(DemoAccount.instructions(node.web().orElseThrow().port()));
            out.println(instructions(pki, hosts.get(0), node.server().port("tls")));
            out.flush();
            if (durationSeconds != null) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        }
        return 0;
    }

    /**
     * The demo node: TLS on the chosen port, the simulator may only write (IN), never read, and the
     * web COP over plain HTTP bound to loopback (the demo's password is printed, so no other machine
     * may reach it).
     */
    private NodeConfig demoConfig(Path data) {
        NodeConfig loaded = NodeConfigLoader.load(null, data);
        ServerConfig server = loaded.server().withTls(new ServerConfig.Listener(true, bind, port));
        server = new ServerConfig("kizuna-demo", server.tls(), server.plain(), server.cotLimits(), server.session(),
                server.forbiddenTypePrefixes(), server.maxPictureItems());
        Map<String, GroupMembership> groups = new HashMap<>(loaded.clientGroups());
        groups.put(SIMULATOR, new GroupMembership(Set.of(Group.ANONYMOUS), Set.of()));
        HttpSettings web = loaded.http().withListener(new ServerConfig.Listener(true, "127.0.0.1", webPort), false);
        return new NodeConfig(data, server, groups, loaded.defaultGroups(), loaded.anonymousGroups(), loaded.history(),
                loaded.policy(), web, loaded.federation());
    }

    private static SSLContext simulatorTls(NodePki pki) throws java.io.IOException {
        Path clients = pki.clientsDirectory();
        return ClientTls.context(clients.resolve(SIMULATOR + ".pem"), clients.resolve(SIMULATOR + ".key.pem"),
                pki.caCertificateFile());
    }

    private static String instructions(NodePki pki, String host, int port) {
        StringBuilder b = new StringBuilder("Connect a TAK client (ATAK, iTAK, WinTAK):\n");
        for (String user : USERS) {
            b.append("  import ").append(pki.clientsDirectory().resolve(user + "-package.zip"))
                    .append("  (password atakatak)\n");
        }
        b.append("  the packages point at ").append(host).append(':').append(port).append(" over TLS\n");
        b.append("Simulated units: ");
        TokyoScenario.units().forEach(u -> b.append(u.callsign()).append(" (").append(u.type()).append(")  "));
        b.append("\nPress Ctrl-C to stop.");
        return b.toString();
    }

    /** The first non-loopback IPv4 address (so a phone on the LAN can connect), then loopback names. */
    static List<String> hosts() {
        List<String> hosts = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress() && hosts.isEmpty()) {
                        hosts.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // no usable interface list: loopback only
        }
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        return hosts;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
