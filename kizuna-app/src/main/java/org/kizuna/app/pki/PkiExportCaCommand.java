package org.kizuna.app.pki;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.Pem;
import org.kizuna.pki.PkiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kizuna pki export-ca}: the CA certificate for a federation partner or a client. */
@Command(name = "export-ca", mixinStandardHelpOptions = true,
        description = {"Write the node's CA certificate (PEM) for a partner node or a client.",
            "Without --out it goes to standard output. Only the certificate: the CA key never leaves DIR/pki."})
final class PkiExportCaCommand extends PkiSubcommand {

    @Option(names = "--out", paramLabel = "FILE", description = "File to write; it must not exist yet.")
    Path out;

    @Override
    void run(NodePki pki, PrintWriter stdout) throws IOException {
        X509Certificate ca = pki.caCertificate();
        String pem = Pem.encodeCertificates(List.of(ca));
        if (out == null) {
            stdout.print(pem);
            stdout.flush();
            return;
        }
        try {
            Files.writeString(out, pem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new PkiException(out + " already exists; refusing to overwrite it");
        }
        stdout.printf("Wrote the CA certificate '%s' to %s%n", ca.getSubjectX500Principal().getName(), out);
        // Partners compare this over a second channel (phone, signed mail) before trusting the file.
        stdout.printf("SHA-256 fingerprint: %s%n", fingerprint(ca));
        stdout.flush();
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the CA certificate", e);
        }
    }
}
