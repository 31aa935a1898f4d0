package org.kizuna.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Benchmark inputs: realistic traffic from the test corpus, loaded once in {@code @Setup}. */
final class Fixtures {

    private Fixtures() {
    }

    /** An ATAK position report as a TAK client sends it. */
    static byte[] atakPli() {
        return resource("/bench/atak-pli.xml");
    }

    private static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
