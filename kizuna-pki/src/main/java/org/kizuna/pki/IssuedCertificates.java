package org.kizuna.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * {@code DATA/pki/issued.tsv}: every certificate the node CA issued, one line each, appended when
 * it is issued and never rewritten. Client files can be deleted (to issue a new certificate under
 * the same name); this register still knows the old certificate, so it can be revoked.
 *
 * <pre>
 * # serial  kind  notBefore  notAfter  sha256  subject
 * 8F3A...   client  2025-01-01T09:00:00Z  2026-01-01T10:00:00Z  4be1...  alice
 * </pre>
 *
 * Tab-separated; the subject (the certificate's CN) comes last so it may hold anything but a tab
 * or a line break, which no name we issue does.
 */
public final class IssuedCertificates {

    public static final String FILE_NAME = "issued.tsv";
    static final String HEADER = "# serial\tkind\tnotBefore\tnotAfter\tsha256\tsubject\n";

    /** The kinds this node issues; the register takes any word, for kinds added later. */
    public static final String SERVER = "server";
    public static final String CLIENT = "client";
    /** A client certificate signed for a key the client made, on the enrollment port. */
    public static final String ENROLLED = "enrolled";

    /**
     * One issued certificate.
     *
     * @param kind    {@link #SERVER}, {@link #CLIENT}, ...
     * @param subject the subject's common name: the user or node
     * @param sha256  SHA-256 of the DER certificate, lower-case hex
     */
    public record Entry(BigInteger serial, String kind, String subject, Instant notBefore, Instant notAfter,
                        String sha256) {

        public Entry {
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
            Objects.requireNonNull(sha256, "sha256");
            if (kind.isBlank() || kind.contains("\t") || subject.contains("\t") || subject.contains("\n")) {
                throw new IllegalArgumentException("kind and subject must not hold tabs or line breaks");
            }
        }

        public static Entry of(X509Certificate certificate, String kind) {
            return new Entry(certificate.getSerialNumber(), kind, DistinguishedNames.commonName(certificate),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                    IssuedCertificates.sha256(certificate));
        }

        public String serialHex() {
            return Serials.hex(serial);
        }

        String line() {
            return serialHex() + '\t' + kind + '\t' + notBefore + '\t' + notAfter + '\t' + sha256 + '\t' + subject + '\n';
        }

        static Entry parse(String line, Path file, int number) {
            String[] f = line.split("\t", 6);
            if (f.length != 6) {
                throw new PkiException(file + " line " + number + ": expected 6 tab-separated fields");
            }
            try {
                return new Entry(Serials.parse(f[0]), f[1], f[5], Instant.parse(f[2]), Instant.parse(f[3]), f[4]);
            } catch (RuntimeException e) {
                throw new PkiException(file + " line " + number + ": " + e.getMessage(), e);
            }
        }
    }

    private IssuedCertificates() {
    }

    /** Every entry of {@code file}, in issue order; none when there is no file yet. */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#")) {
                entries.add(Entry.parse(line, file, i + 1));
            }
        }
        return entries;
    }

    /** Appends {@code entry}; the file is created owner-only with its header when it is the first. */
    static void append(Path file, Entry entry) throws IOException {
        PkiFiles.appendPrivate(file, HEADER, entry.line());
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
