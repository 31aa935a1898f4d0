package org.kizuna.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.cot.CotLimits;
import org.kizuna.pki.NodePki;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.stream.SessionContext.SessionLimits;

/**
 * An independent TAK client, {@code @tak-ps/node-tak} with {@code @tak-ps/node-cot}, against the
 * real server over real mutual TLS, with certificates made by {@code kizuna pki}: position reports
 * and chat both ways, in XML and after negotiating TAK protocol v1.
 */
class NodeTakInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path data;
    static RunningNode node;
    static NodePki pki;

    @BeforeAll
    static void startNode() throws Exception {
        InteropClient.requireInstalled();
        pki = NodePki.in(data);
        pki.init("interop-node", List.of("localhost", "127.0.0.1"));
        for (String name : List.of("alpha", "bravo", "charlie", "delta")) {
            pki.issueClient(name, null, "127.0.0.1", 8089);
        }
        ServerConfig server = new ServerConfig("interop-node", new Listener(true, "127.0.0.1", 0),
                new Listener(false, "127.0.0.1", 0), CotLimits.DEFAULTS, SessionLimits.DEFAULTS, List.of("t-k", "t-p"));
        node = RunningNode.start(new NodeConfig(data, server, Map.of(), GroupMembership.ANONYMOUS, GroupMembership.ANONYMOUS));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static List<String> identity(String name, String... more) {
        Path clients = pki.clientsDirectory();
        List<String> args = new ArrayList<>(List.of(
                "--host", "127.0.0.1", "--port", String.valueOf(node.server().port("tls")),
                "--cert", clients.resolve(name + ".pem").toString(),
                "--key", clients.resolve(name + ".key.pem").toString(),
                "--ca", pki.caCertificateFile().toString(),
                "--timeout", "30"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void xmlClientsExchangePositionsAndChat() throws Exception {
        try (InteropClient alpha = InteropClient.start(identity("alpha",
                     "--uid", "ALPHA-UID", "--callsign", "ALPHA", "--send-pli", "35.68,139.76",
                     "--send-chat", "hello from alpha", "--send-after-uid", "BRAVO-UID",
                     "--expect-uid", "BRAVO-UID", "--expect-callsign", "BRAVO", "--expect-chat", "hello from bravo"))) {
            alpha.awaitLine("READY mode=xml", WAIT);
            try (InteropClient bravo = InteropClient.start(identity("bravo",
                    "--uid", "BRAVO-UID", "--callsign", "BRAVO", "--send-pli", "35.60,139.70",
                    "--send-chat", "hello from bravo",
                    "--expect-uid", "ALPHA-UID", "--expect-callsign", "ALPHA", "--expect-chat", "hello from alpha"))) {
                assertThat(bravo.awaitExit(WAIT)).as(bravo.transcript()).isZero();
            }
            assertThat(alpha.awaitExit(WAIT)).as(alpha.transcript()).isZero();
            assertThat(alpha.transcript()).contains("READY mode=xml").contains("serverVersion=\"Kizuna");
        }
    }

    @Test
    void protobufClientNegotiatesAndExchangesWithAnXmlClient() throws Exception {
        try (InteropClient proto = InteropClient.start(identity("charlie", "--protobuf",
                     "--uid", "CHARLIE-UID", "--callsign", "CHARLIE", "--send-pli", "35.50,139.60",
                     "--send-chat", "protobuf says hi", "--send-after-uid", "DELTA-UID",
                     "--expect-uid", "DELTA-UID", "--expect-chat", "xml says hi", "--expect-type", "t-x-c-t-r"))) {
            proto.awaitLine("READY mode=protobuf", WAIT);
            try (InteropClient xml = InteropClient.start(identity("delta",
                    "--uid", "DELTA-UID", "--callsign", "DELTA", "--send-pli", "35.40,139.50",
                    "--send-chat", "xml says hi",
                    "--expect-uid", "CHARLIE-UID", "--expect-callsign", "CHARLIE", "--expect-chat", "protobuf says hi"))) {
                assertThat(xml.awaitExit(WAIT)).as(xml.transcript()).isZero();
            }
            assertThat(proto.awaitExit(WAIT)).as(proto.transcript()).isZero();
        }
    }
}
