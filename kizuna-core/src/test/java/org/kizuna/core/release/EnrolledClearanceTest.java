package org.kizuna.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.policy.access.Clearance;

/** A certificate enrolled for a web account holds that account's clearance; a look-alike name does not. */
class EnrolledClearanceTest {

    private static final Clearance SECRET = new Clearance("p", "JPN", Set.of("SECRET"), Map.of());
    private static final Clearance RESTRICTED = new Clearance("p", "JPN", Set.of("RESTRICTED"), Map.of());
    private static final Clearance DEFAULT = new Clearance("p", "JPN", Set.of("UNCLASSIFIED"), Map.of());
    private static final Clearance NONE = new Clearance("p", "JPN", Set.of(), Map.of());

    private static final ClientIdentity ENROLLED = ClientIdentity.certificate("alice", "aa11");
    private static final ClientIdentity LOOK_ALIKE = ClientIdentity.certificate("alice", "bb22");

    private final Clearances.EnrolledCertificates register =
            id -> id.certificateFingerprint().equals("aa11") ? Optional.of("alice") : Optional.empty();

    @Test
    void anEnrolledCertificateHoldsItsAccountsClearance() {
        Clearances c = new Clearances(Map.of(), Map.of("alice", SECRET), DEFAULT, NONE).withEnrolled(register);

        assertThat(c.clearanceFor(ENROLLED)).isEqualTo(SECRET);
        assertThat(c.clearanceFor(LOOK_ALIKE)).as("same name, not enrolled").isEqualTo(DEFAULT);
        assertThat(c.clearanceFor(ClientIdentity.webAccount("alice"))).isEqualTo(SECRET);
    }

    @Test
    void aClientClearanceNamedInTheConfigurationWins() {
        Clearances c = new Clearances(Map.of("alice", RESTRICTED), Map.of("alice", SECRET), DEFAULT, NONE)
                .withEnrolled(register);

        assertThat(c.clearanceFor(ENROLLED)).isEqualTo(RESTRICTED);
    }

    @Test
    void withoutARegisterNothingIsBorrowed() {
        Clearances c = new Clearances(Map.of(), Map.of("alice", SECRET), DEFAULT, NONE);

        assertThat(c.clearanceFor(ENROLLED)).isEqualTo(DEFAULT);
    }
}
