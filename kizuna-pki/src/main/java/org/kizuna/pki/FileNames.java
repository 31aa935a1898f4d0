package org.kizuna.pki;

import java.util.regex.Pattern;

/**
 * Names that become file names (client and node names). Restricting them to letters, digits,
 * '.', '_' and '-', not starting with '.' or '-', rules out path traversal ("../x", "a/b"),
 * hidden files and names a shell would read as options, on every file system we run on.
 */
final class FileNames {

    static final int MAX_LENGTH = 64;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private FileNames() {
    }

    /** Returns {@code name} if it is safe, else throws naming {@code what} in the message. */
    static String requireSafe(String what, String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + name + "': use 1-" + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', not starting with '.' or '-'");
        }
        return name;
    }
}
