package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The words a failed TLS handshake is logged with. */
class HandshakeFailureTextTest {

    @Test
    void anExceptionWithoutAMessageIsNamedNotLoggedAsNull() {
        assertThat(CotSessionHandler.rootCause(new ClosedChannelException())).isEqualTo("ClosedChannelException");
    }

    @Test
    void theMessageAndTheRootCauseAreBothGiven() {
        SSLHandshakeException e = new SSLHandshakeException("bad certificate");
        e.initCause(new IllegalStateException("expired"));
        assertThat(CotSessionHandler.rootCause(e)).isEqualTo("bad certificate (java.lang.IllegalStateException: expired)");
    }
}
