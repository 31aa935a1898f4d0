package org.kizuna.server.tls;

import java.nio.file.Path;
import java.util.Objects;

/** Where the node's TLS material lives (normally under {@code DATA/pki/}). */
public record TlsFiles(Path certificateChainPem, Path privateKeyPem, Path trustedCaPem) {

    public TlsFiles {
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(trustedCaPem, "trustedCaPem");
    }

    /** The node CA's revocation list, next to the CA: {@code crl.pem} (absent until something is revoked). */
    public Path crlPem() {
        return trustedCaPem.resolveSibling("crl.pem");
    }

    /** The layout {@code kizuna pki init} writes: server.pem, server.key.pem, ca.pem. */
    public static TlsFiles inPkiDir(Path pkiDir) {
        return new TlsFiles(pkiDir.resolve("server.pem"), pkiDir.resolve("server.key.pem"), pkiDir.resolve("ca.pem"));
    }
}
