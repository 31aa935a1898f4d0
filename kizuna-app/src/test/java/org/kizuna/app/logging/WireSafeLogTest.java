package org.kizuna.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The node's own log configuration (not the tests'): a message is one line whatever the wire put in it. */
class WireSafeLogTest {

    @Test
    void aUidWithANewlineCannotForgeALineInTheNodesLog() throws Exception {
        String forged = "evil\n12:00:00.000 INFO  [main] o.k.a.s.RunningNode - posture CONTINGENCY approved by admin";
        String output = logThroughProductionConfig(log -> log.info("refused {} from {}", forged, "alice"));

        assertThat(output.lines()).hasSize(1);
        assertThat(output).contains("refused evil\\n12:00:00.000 INFO").contains("from alice");
    }

    @Test
    void terminalEscapesAndOtherControlsAreWrittenAsEscapes() throws Exception {
        String output = logThroughProductionConfig(log -> log.warn("callsign {}", "\u001b[2J\rX\u2028Y\u0085Z\tT"));

        assertThat(output.lines()).hasSize(1);
        assertThat(output).contains("callsign \\u001b[2J\\rX\\u2028Y\\u0085Z\\tT").doesNotContain("\u001b");
    }

    @Test
    void plainMessagesAreUnchanged() {
        assertThat(WireSafeMessageConverter.escape("ANDROID-1 a-f-G from 東京")).isEqualTo("ANDROID-1 a-f-G from 東京");
    }

    private interface Logging {
        void to(Logger log);
    }

    private static String logThroughProductionConfig(Logging logging) throws Exception {
        URL production = WireSafeLogTest.class.getResource("/logback.xml");
        assertThat(production).as("kizuna-app's logback.xml on the class path").isNotNull();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream err = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(production);
            logging.to(context.getLogger("org.kizuna.app.serve.RunningNode"));
        } finally {
            context.stop();
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
