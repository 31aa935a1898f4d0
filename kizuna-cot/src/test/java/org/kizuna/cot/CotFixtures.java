package org.kizuna.cot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The CoT fixtures under {@code src/test/resources/cot/} (copied from the shared test data). */
public final class CotFixtures {

    /** Every well-formed, valid fixture: client messages and control messages. */
    public static final List<String> GOOD = List.of(
            "air-friendly.xml", "atak-pli.xml", "circle.xml", "delete.xml", "emergency-911.xml", "fileshare.xml",
            "geochat-all.xml", "geochat-direct.xml", "itak-marker-empty-marti.xml", "maritime-neutral.xml",
            "route.xml", "shape-polygon.xml", "vendor-detail.xml", "control/ping.xml", "control/takp-request.xml");

    private CotFixtures() {
    }

    /** The bytes of {@code cot/<name>}. */
    public static byte[] bytes(String name) {
        try (InputStream in = CotFixtures.class.getResourceAsStream("/cot/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture cot/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
