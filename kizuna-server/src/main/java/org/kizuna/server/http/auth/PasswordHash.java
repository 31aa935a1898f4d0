package org.kizuna.server.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash},
 * unpadded base64), so the parameters travel with each hash and can be raised later without
 * breaking stored accounts. The defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane):
 * about 50 ms per check on a server core, which also paces password guessing.
 */
public final class PasswordHash {

    /** Memory in KiB, passes and lanes. */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        public static final Cost DEFAULT = new Cost(19 * 1024, 2, 1);

        public Cost {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2 cost: " + memoryKiB + "/" + iterations + "/" + parallelism);
            }
        }
    }

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();

    public PasswordHash(Cost cost) {
        this.cost = cost;
    }

    /** A new hash of {@code password} with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** True when {@code password} matches {@code stored}; false for a malformed stored value. */
    public static boolean verify(char[] password, String stored) {
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        Cost c;
        try {
            c = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password, salt, c, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, Cost c, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(c.memoryKiB())
                .withIterations(c.iterations())
                .withParallelism(c.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
        generator.generateBytes(utf8, out);
        java.util.Arrays.fill(utf8, (byte) 0);
        return out;
    }
}
