package org.kizuna.pki;

import java.math.BigInteger;
import java.util.Locale;

/** Certificate serial numbers as text: upper-case hex, as OpenSSL prints them. */
public final class Serials {

    private Serials() {
    }

    public static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    /**
     * Reads a serial typed by an administrator: hex digits, optionally with a {@code 0x} prefix
     * or ':' between bytes (how browsers and {@code openssl x509 -text} show it).
     *
     * @throws IllegalArgumentException if it is not hex
     */
    public static BigInteger parse(String text) {
        String digits = text.trim().replace(":", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() > 64 || !digits.matches("[0-9A-Fa-f]+")) {
            throw new IllegalArgumentException("not a serial number in hex: '" + text + "'");
        }
        return new BigInteger(digits, 16);
    }
}
