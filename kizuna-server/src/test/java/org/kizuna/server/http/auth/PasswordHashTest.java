package org.kizuna.server.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    /** Small cost: these tests check the format and the comparison, not the strength. */
    private final PasswordHash hasher = new PasswordHash(new PasswordHash.Cost(64, 1, 1));

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(PasswordHash.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.verify("correct horse ".toCharArray(), hash)).isFalse();
        assertThat(PasswordHash.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void theSamePasswordGetsADifferentSaltEachTime() {
        assertThat(hasher.hash("pw".toCharArray())).isNotEqualTo(hasher.hash("pw".toCharArray()));
    }

    @Test
    void malformedStoredHashesNeverVerify() {
        assertThat(PasswordHash.verify("pw".toCharArray(), "")).isFalse();
        assertThat(PasswordHash.verify("pw".toCharArray(), "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA")).isFalse();
        assertThat(PasswordHash.verify("pw".toCharArray(), "$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                + "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")).isFalse();
    }

    @Test
    void theStoredParametersNotTheDefaultsDriveVerification() {
        String strong = new PasswordHash(new PasswordHash.Cost(256, 3, 2)).hash("pw".toCharArray());
        assertThat(strong).contains("m=256,t=3,p=2");
        assertThat(PasswordHash.verify("pw".toCharArray(), strong)).isTrue();
    }
}
