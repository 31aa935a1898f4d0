package org.kizuna.store.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kizuna.store.files.SecretKeyFile;

/**
 * The node's secret for its records ({@code DATA/keys/audit.key} unless {@code audit.keyFile}
 * says otherwise): 32 random bytes made on first use, owner-only. It is kept outside the audit
 * directory so that whoever can rewrite the log cannot recompute the chain, and it may live
 * elsewhere entirely (a mounted token, another user's directory). Each use gets its own key
 * derived from it, HMAC-SHA256(secret, purpose), so the audit chain and the posture file's MAC
 * never share one.
 */
public final class AuditKey {

    /** Bytes in the key file. */
    public static final int LENGTH = SecretKeyFile.KEY_BYTES;
    private static final String CHAIN = "kizuna audit chain v1";

    private final byte[] secret;
    private final byte[] chainKey;

    private AuditKey(byte[] secret) {
        this.secret = secret.clone();
        this.chainKey = hmac(this.secret, CHAIN.getBytes(StandardCharsets.UTF_8));
    }

    /** Where a node keeps its key when {@code audit.keyFile} is not set. */
    public static Path defaultFile(Path dataDir) {
        return dataDir.resolve("keys").resolve("audit.key");
    }

    /** Reads the key; a missing file is an {@link IOException} saying which file and why it is needed. */
    public static AuditKey load(Path file) throws IOException {
        try {
            return new AuditKey(SecretKeyFile.load(file));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "no audit key: the node makes it on first use; give the one it writes with (audit.keyFile)");
        }
    }

    /** Reads the key, or makes it (owner-only, in an owner-only directory) when there is none yet. */
    public static AuditKey loadOrCreate(Path file) throws IOException {
        return new AuditKey(SecretKeyFile.loadOrCreate(file));
    }

    /** A key for {@code purpose} (a fixed text naming one use), derived from the secret. */
    public byte[] derive(String purpose) {
        if (purpose.equals(CHAIN)) {
            throw new IllegalArgumentException("the chain's key is not handed out");
        }
        return hmac(secret, purpose.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code text} under the chain's key, in hex. */
    String chainMac(String text) {
        return HexFormat.of().formatHex(hmac(chainKey, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
