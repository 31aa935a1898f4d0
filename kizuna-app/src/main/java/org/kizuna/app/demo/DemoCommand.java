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
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna demo}: two federated national nodes in one process, Japan's and the United
 * States', each with its own PKI, policy, release rules, web COP, demo users' connection packages
 * and a simulator publishing its nation's units. Each side sees the other's units as its posture
 * rules release them: coarsened in PEACETIME, in full in CONTINGENCY; units labelled for national
 * eyes only stay home. Everything lives under {@code --data} ({@code jpn/}, {@code usa/}) and is
 * reused on the next run, except the generated policy, rules and configuration files.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start two federated demo nodes (Japan, United States) with moving scenarios and print how to connect.")
public final class DemoCommand implements Callable<Integer> {

    static final List<String> USERS = List.of("demo-alpha", "demo-bravo");
    static final String SIMULATOR = "demo-simulator";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "demo-data", paramLabel = "DIR",
            description = "Where the demo keeps both nodes' PKIs, packages and history (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8089",
            description = "Japan's TLS streaming port; the U.S. node uses the next one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0",
            description = "Address to stream on; 0.0.0.0 lets a phone on the same network connect.")
    String bind;

    @Option(names = "--web-port", defaultValue = "8080",
            description = "Japan's web COP port, plain HTTP on loopback only; the U.S. node uses the next one"
                    + " (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Option(names = "--federation-port", defaultValue = "9001",
            description = "Japan's federation port on loopback; the U.S. node uses the next one (default: ${DEFAULT-VALUE}).")
    int federationPort;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: run until Ctrl-C).")
    Integer durationSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> hosts = hosts();
        DemoNation japan = DemoNation.JAPAN;
        DemoNation us = DemoNation.UNITED_STATES;
        DemoNation.Ports jpnPorts = new DemoNation.Ports(port, webPort, federationPort);
        DemoNation.Ports usaPorts = new DemoNation.Ports(port + 1, webPort + 1, federationPort + 1);
        Path jpnDir = dataDir.resolve("jpn");
        Path usaDir = dataDir.resolve("usa");
        NodePki jpnPki = preparePki(jpnDir.toAbsolutePath(), japan, hosts, jpnPorts.streaming(), out);
        NodePki usaPki = preparePki(usaDir.toAbsolutePath(), us, hosts, usaPorts.streaming(), out);
        DemoNation.trust(jpnDir.toAbsolutePath(), usaPki.caCertificateFile(), us);
        DemoNation.trust(usaDir.toAbsolutePath(), jpnPki.caCertificateFile(), japan);
        // Japan dials; the U.S. node waits for it. Either could: one dialler keeps the demo's log quiet.
        Path jpnYaml = japan.writeFiles(jpnDir.toAbsolutePath(), us, jpnPorts, usaPorts, bind, true);
        Path usaYaml = us.writeFiles(usaDir.toAbsolutePath(), japan, usaPorts, jpnPorts, bind, false);
        CountDownLatch stop = new CountDownLatch(1);
        boolean interrupted;
        try (RunningNode usaNode = startWithAccount(usaYaml, usaDir.toAbsolutePath());
             RunningNode jpnNode = startWithAccount(jpnYaml, jpnDir.toAbsolutePath());
             Simulator usaSimulator = simulator(usaPki, usaNode, us);
             Simulator jpnSimulator = simulator(jpnPki, jpnNode, japan)) {
            usaSimulator.start();
            jpnSimulator.start();
            Thread ctrlC = new Thread(stop::countDown, "kizuna-demo-stop");
            Runtime.getRuntime().addShutdownHook(ctrlC);
            describe(out, japan, jpnNode, jpnPki, jpnDir, hosts.get(0));
            describe(out, us, usaNode, usaPki, usaDir, hosts.get(0));
            out.println(postureHelp(jpnDir, usaDir));
            out.flush();
            interrupted = awaitStop(stop);
            removeHook(ctrlC);
        }
        if (interrupted) {
            // Only now: closing the nodes (H2's file channels among them) on an interrupted thread would fail.
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Until Ctrl-C, the end of {@code --duration}, or an interrupt of the thread running the demo
     * (how an embedding program or a test stops it early): all three stop the demo cleanly. True
     * when interrupted.
     */
    private boolean awaitStop(CountDownLatch stop) {
        try {
            if (durationSeconds != null) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            return false;
        } catch (InterruptedException stopRequested) {
            return true;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is running the hook now; nothing to remove
        }
    }

    /** Starts a demo node and makes sure its demo web account exists before any unit moves. */
    private static RunningNode startWithAccount(Path yaml, Path data) throws Exception {
        RunningNode node = RunningNode.start(demoConfig(yaml, data));
        try {
            node.history().ifPresent(h -> DemoAccount.ensure(h.store().accounts()));
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static NodePki preparePki(Path dir, DemoNation nation, List<String> hosts, int streamingPort,
                                      PrintWriter out) throws java.io.IOException {
        NodePki pki = NodePki.in(dir);
        if (!pki.isInitialized()) {
            pki.init(nation.nodeId(), hosts);
            out.println("Created a development PKI for " + nation.name() + " in " + pki.directory());
        }
        for (String user : concat(USERS, List.of(SIMULATOR))) {
            if (!Files.exists(pki.clientsDirectory().resolve(user + ".pem"))) {
                pki.issueClient(user, null, null, streamingPort);
            }
        }
        return pki;
    }

    /**
     * A demo node as its {@code kizuna.yaml} describes it, except that the simulator may only
     * write (IN), never read.
     */
    private static NodeConfig demoConfig(Path yaml, Path data) {
        NodeConfig loaded = NodeConfigLoader.load(yaml, data);
        Map<String, GroupMembership> groups = new HashMap<>(loaded.clientGroups());
        groups.put(SIMULATOR, new GroupMembership(Set.of(Group.ANONYMOUS), Set.of()));
        return new NodeConfig(loaded.dataDir(), loaded.server(), groups, loaded.defaultGroups(),
                loaded.anonymousGroups(), loaded.history(), loaded.policy(), loaded.http(), loaded.federation(),
                loaded.identity(), loaded.auditKeyFile());
    }

    private static Simulator simulator(NodePki pki, RunningNode node, DemoNation nation) throws java.io.IOException {
        Path clients = pki.clientsDirectory();
        SSLContext tls = ClientTls.context(clients.resolve(SIMULATOR + ".pem"), clients.resolve(SIMULATOR + ".key.pem"),
                pki.caCertificateFile());
        return new Simulator(tls.getSocketFactory(), "127.0.0.1", node.server().port("tls"), nation.units(),
                Duration.ofSeconds(1), Clock.systemUTC());
    }

    private static void describe(PrintWriter out, DemoNation nation, RunningNode node, NodePki pki, Path dir,
                                 String host) {
        out.println("== " + nation.name() + " (" + nation.code() + ") — data in " + dir);
        out.println(NodeBanner.describe(node));
        out.println(DemoAccount.instructions(node.web().orElseThrow().port()));
        StringBuilder b = new StringBuilder("Connect a TAK client (ATAK, iTAK, WinTAK):\n");
        for (String user : USERS) {
            b.append("  import ").append(pki.clientsDirectory().resolve(user + "-package.zip"))
                    .append("  (password atakatak)\n");
        }
        b.append("  the packages point at ").append(host).append(':').append(node.server().port("tls"))
                .append(" over TLS\n");
        b.append("Simulated units: ");
        nation.units().forEach(u -> b.append(u.callsign()).append(" (").append(u.type())
                .append(u.releasableTo().isEmpty() ? "" : ", " + u.access() + " REL TO " + u.releasableTo())
                .append(")  "));
        out.println(b);
        out.println();
    }

    private static String postureHelp(Path jpnDir, Path usaDir) {
        return """
                The nodes share their pictures under their postures (both start in PEACETIME): each side \
                sees the other's units coarsened to %1$s km, without remarks; units labelled for national \
                eyes only stay home. A posture change needs two different admins. Try, in another terminal:
                  ./kizuna posture request CONTINGENCY --by alice --data %2$s
                  ./kizuna posture approve --by bob --data %2$s
                and the U.S. node's web COP and TAK clients see Japan's units exactly; back with
                  ./kizuna posture request PEACETIME --by alice --data %2$s   (then approve --by bob)
                and what the U.S. side may no longer hold is retracted from it. The same works with --data %3$s.
                Press Ctrl-C to stop.""".formatted(DemoNation.COARSEN_IN_PEACETIME_KM, jpnDir, usaDir);
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
