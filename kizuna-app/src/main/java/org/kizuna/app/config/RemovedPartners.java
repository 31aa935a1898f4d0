package org.kizuna.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kizuna.store.files.OwnerOnlyFiles;

/**
 * {@code DATA/federation/removed.tsv}: the partners {@code kizuna federate remove} took away. A
 * node refuses them while it runs (it watches the file) and leaves them out when it starts, even
 * when {@code kizuna.yaml} still lists them. {@code kizuna federate add} takes a partner off the
 * list again.
 *
 * <pre>
 * # node  removedAt  by  certificate  caSha256
 * usa-1   2025-03-01T10:00:00Z  yamada  usa-1  4BE1...
 * </pre>
 */
public final class RemovedPartners {

    public static final String FILE_NAME = "removed.tsv";
    private static final String HEADER = "# node\tremovedAt\tby\tcertificate\tcaSha256\n";

    /**
     * One removal.
     *
     * @param certificate the common name of the partner's certificate
     * @param caSha256    the SHA-256 fingerprint of its CA as it was trusted, for the record; empty if unknown
     */
    public record Removal(String nodeId, Instant removedAt, String by, String certificate, String caSha256) {

        public Removal {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(removedAt, "removedAt");
            by = clean(by);
            certificate = clean(certificate);
            caSha256 = clean(caSha256);
        }

        private static String clean(String value) {
            // one line of tab-separated fields: an admin name must not break it
            return value == null ? "" : value.replaceAll("[\\t\\r\\n]", " ");
        }

        String line() {
            return nodeId + '\t' + removedAt + '\t' + by + '\t' + certificate + '\t' + caSha256 + '\n';
        }
    }

    private RemovedPartners() {
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve("federation").resolve(FILE_NAME);
    }

    /** The removals in {@code dataDir}, by node id; none when there is no file. */
    public static Map<String, Removal> read(Path dataDir) throws IOException {
        Path file = file(dataDir);
        Map<String, Removal> removals = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return removals;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                throw new IOException(file + " line " + (i + 1) + ": expected 5 tab-separated fields");
            }
            try {
                removals.put(f[0], new Removal(f[0], Instant.parse(f[1]), f[2], f[3], f[4]));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return removals;
    }

    /** Records {@code removal}, replacing the file atomically (a running node reads it). */
    public static void add(Path dataDir, Removal removal) throws IOException {
        Map<String, Removal> all = read(dataDir);
        all.put(removal.nodeId(), removal);
        write(dataDir, new ArrayList<>(all.values()));
    }

    /** Takes {@code nodeId} off the list; returns its removal, or null when it was not on it. */
    public static Removal readmit(Path dataDir, String nodeId) throws IOException {
        Map<String, Removal> all = read(dataDir);
        Removal removed = all.remove(nodeId);
        if (removed != null) {
            write(dataDir, new ArrayList<>(all.values()));
        }
        return removed;
    }

    private static void write(Path dataDir, List<Removal> removals) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        removals.forEach(r -> text.append(r.line()));
        OwnerOnlyFiles.directory(file(dataDir).getParent());
        OwnerOnlyFiles.replace(file(dataDir), text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
