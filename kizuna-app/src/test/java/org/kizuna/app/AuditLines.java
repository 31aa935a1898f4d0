package org.kizuna.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Finds records in a node's audit log by their words, however the log separates its fields. */
public final class AuditLines {

    private AuditLines() {
    }

    /** The number of the first line of {@code auditLog} holding every one of {@code parts}, or -1. */
    public static int find(Path auditLog, String... parts) throws IOException {
        List<String> lines = Files.readAllLines(auditLog);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (Arrays.stream(parts).allMatch(line::contains)) {
                return i;
            }
        }
        return -1;
    }
}
