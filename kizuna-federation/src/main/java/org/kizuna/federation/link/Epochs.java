package org.kizuna.federation.link;

import java.security.SecureRandom;

/** Random 64-bit log epochs; 0 means "no epoch" in a Hello, so it is never chosen. */
final class Epochs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Epochs() {
    }

    static long next() {
        long e;
        do {
            e = RANDOM.nextLong();
        } while (e == 0);
        return e;
    }
}
