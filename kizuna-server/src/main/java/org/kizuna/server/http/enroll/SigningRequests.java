package org.kizuna.server.http.enroll;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.kizuna.server.http.Problem;

/**
 * Reads the certificate signing request a TAK client posts: PEM (ATAK, node-tak), or base64 DER
 * with the PEM lines stripped (what TAK Server documents), or raw DER. Only its public key is
 * used, and only after the request's signature proved the client holds the private key; its
 * subject is ignored (the certificate is named after the account that signed in).
 */
final class SigningRequests {

    /** RSA below this is refused (NIST: 2048 since 2014). */
    static final int MIN_RSA_BITS = 2048;
    /** EC below this is refused (P-256 and up). */
    static final int MIN_EC_BITS = 256;

    private SigningRequests() {
    }

    /** The verified public key of {@code body}; a 400 problem when it is no usable request. */
    static PublicKey publicKey(byte[] body) {
        JcaPKCS10CertificationRequest csr;
        try {
            csr = new JcaPKCS10CertificationRequest(der(body));
        } catch (IOException | RuntimeException e) {
            throw bad("the body is not a PKCS#10 certificate signing request (PEM or base64 DER)");
        }
        try {
            boolean signed = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()));
            if (!signed) {
                throw bad("the request's signature does not verify: it was not signed with its own key");
            }
            PublicKey key = csr.getPublicKey();
            requireStrong(key);
            return key;
        } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException | RuntimeException e) {
            if (e instanceof Problem p) {
                throw p;
            }
            throw bad("the request's key or signature algorithm is not supported (RSA or EC)");
        }
    }

    private static void requireStrong(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw bad("RSA keys must have at least " + MIN_RSA_BITS + " bits, not " + rsa.getModulus().bitLength());
            }
        } else if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getOrder().bitLength() < MIN_EC_BITS) {
                throw bad("EC keys must be at least " + MIN_EC_BITS + " bits");
            }
        } else {
            throw bad("only RSA and EC keys are signed, not " + key.getAlgorithm());
        }
    }

    /** DER from PEM, from base64 without headers, or as sent. */
    static byte[] der(byte[] body) {
        if (body.length == 0) {
            throw bad("the body is empty: send the certificate signing request");
        }
        if (body[0] == 0x30) {
            return body; // a DER SEQUENCE already
        }
        String text = new String(body, StandardCharsets.US_ASCII);
        StringBuilder b64 = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (!line.startsWith("-----")) {
                b64.append(line.trim());
            }
        }
        try {
            return Base64.getMimeDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw bad("the body is neither PEM nor base64 DER");
        }
    }

    private static Problem bad(String detail) {
        return new Problem(HttpResponseStatus.BAD_REQUEST, "bad-csr", "Bad certificate signing request", detail, null);
    }
}
