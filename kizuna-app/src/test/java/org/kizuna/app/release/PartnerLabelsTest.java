package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.federation.InboundLabelling.Admission;
import org.kizuna.core.federation.PartnerLabels;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.federation.Partner;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;

/** Inbound labelling of a partner's event under Japan's policy, with the 4774 bytes as they travel. */
class PartnerLabelsTest {

    private static final SecurityPolicy JPN = PolicyYaml.parse(Nations.JPN_POLICY);
    private static final Instant T = Instant.parse("2026-11-26T00:00:00Z");

    @TempDir
    Path dir;

    private AuditLog audit;
    private PartnerLabels labels;
    private final Partner usa = Partner.open("usa-1", "USA", "usa-1", Path.of("usa.pem"), null);
    private final Partner ind = Partner.open("ind-1", "IND", "ind-1", Path.of("ind.pem"), null);

    @BeforeEach
    void setUp() throws Exception {
        audit = AuditLog.open(AuditLog.file(dir), AuditKey.loadOrCreate(AuditKey.defaultFile(dir)), Clock.systemUTC());
        Map<String, Clearance> clearances = Map.of(
                "usa-1", new Clearance("USA", "USA", java.util.Set.of("CONFIDENTIAL"), Map.of("Releasable To",
                        java.util.Set.of("USA"))),
                "ind-1", new Clearance("JPN", "IND", java.util.Set.of("TORIATSUKAICHUI"), Map.of("Releasable To",
                        java.util.Set.of("IND"))));
        labels = new PartnerLabels(JPN, new AccessControl(Map.of(JPN.id(), JPN)), clearances, uid -> Optional.empty(),
                audit::append);
    }

    @AfterEach
    void tearDown() throws Exception {
        audit.close();
    }

    private static byte[] originator(SecurityLabel l) {
        return org.kizuna.policy.label.LabelXmlWriter.writeOne(l, true, T).getBytes(StandardCharsets.UTF_8);
    }

    private static SecurityLabel usaLabel(String classification, String... relTo) {
        return SecurityLabel.of("USA", classification, Category.of("Releasable To", CategoryType.PERMISSIVE, List.of(relTo)));
    }

    @Test
    void theOriginatorLabelStaysAndOursIsAddedBesideIt() throws Exception {
        CotEvent event = Events.pli("usa-1:ANDROID-1", "SMITH");
        Admission a = labels.admit(event, usa, originator(usaLabel("CONFIDENTIAL", "USA", "JPN")), Map.of());
        assertThat(a.refusal()).isNull();
        LabelSet set = new EventLabels(JPN).read(a.event()).orElseThrow();
        assertThat(set.originator()).isEqualTo(usaLabel("CONFIDENTIAL", "USA", "JPN"));
        assertThat(set.forPolicy("JPN").orElseThrow().classification()).isEqualTo("TORIATSUKAICHUI");
        assertThat(set.forPolicy("AUS")).map(SecurityLabel::classification).contains("CONFIDENTIAL");
        assertThat(a.event().access()).isEqualTo("TORIATSUKAI CHUI");
    }

    @Test
    void anAlternativeThePartnerSentIsNotTrusted() throws Exception {
        SecurityLabel claimed = SecurityLabel.of("JPN", "TORIATSUKAICHUI",
                Category.of("Releasable To", CategoryType.PERMISSIVE, List.of("JPN", "USA", "AUS")));
        byte[] alt = org.kizuna.policy.label.LabelXmlWriter.writeOne(claimed, false, T).getBytes(StandardCharsets.UTF_8);
        Admission a = labels.admit(Events.pli("usa-1:X", "X"), usa, originator(usaLabel("CONFIDENTIAL", "USA", "JPN")),
                Map.of("JPN", alt));
        LabelSet set = new EventLabels(JPN).read(a.event()).orElseThrow();
        // ours is translated from the originator's: Australia, which the claim added, is not in it
        assertThat(set.forPolicy("JPN").orElseThrow().category("Releasable To").orElseThrow().values())
                .containsExactlyInAnyOrder("JPN", "USA");
    }

    @Test
    void aLabelWithoutAMappingIntoOurPolicyIsRefused() {
        // India's policy: no equivalence in ours
        SecurityLabel indian = SecurityLabel.of("IND", "RESTRICTED",
                Category.of("Releasable To", CategoryType.PERMISSIVE, List.of("IND", "JPN")));
        assertThat(labels.admit(Events.pli("ind-1:A", "A"), ind, originator(indian), Map.of()).refusal())
                .isEqualTo("no-label-mapping");
        // a U.S. classification our equivalence does not name
        assertThat(labels.admit(Events.pli("usa-1:B", "B"), usa, originator(usaLabel("UNCLASSIFIED", "USA", "JPN")),
                Map.of()).refusal()).isEqualTo("no-label-mapping");
    }

    @Test
    void aMalformedOrMissingLabelIsRefused() {
        CotEvent e = Events.pli("usa-1:C", "C");
        assertThat(labels.admit(e, usa, new byte[0], Map.of()).refusal()).isEqualTo("unlabelled");
        assertThat(labels.admit(e, usa, "<originatorConfidentialityLabel".getBytes(StandardCharsets.UTF_8), Map.of())
                .refusal()).isEqualTo("bad-label");
        // two labels smuggled into the originator's field
        byte[] two = (new String(originator(usaLabel("CONFIDENTIAL", "USA")), StandardCharsets.UTF_8)
                + org.kizuna.policy.label.LabelXmlWriter.writeOne(SecurityLabel.of("AUS", "CONFIDENTIAL"), false, T))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(labels.admit(e, usa, two, Map.of()).refusal()).isEqualTo("bad-label");
        // an attempt to close the wrapper and open another document
        assertThat(labels.admit(e, usa, "</l><l>".getBytes(StandardCharsets.UTF_8), Map.of()).refusal())
                .isEqualTo("bad-label");
    }

    @Test
    void aPartnerCannotSendWhatItsAccreditationDoesNotDominate() {
        // SECRET is above the U.S. accreditation (CONFIDENTIAL)
        assertThat(labels.admit(Events.pli("usa-1:D", "D"), usa, originator(usaLabel("SECRET", "USA", "JPN")), Map.of())
                .refusal()).isEqualTo("label-above-accreditation");
        // releasable to Japan only: not to the U.S. that sends it
        assertThat(labels.admit(Events.pli("usa-1:E", "E"), usa, originator(usaLabel("CONFIDENTIAL", "JPN")), Map.of())
                .refusal()).isEqualTo("label-above-accreditation");
    }

    @Test
    void aRetractionOfAnItemNotHeldIsRecordedAndGoesNoFurther() throws Exception {
        CotEvent delete = Events.delete("usa-1:GONE");
        assertThat(labels.retraction(delete, usa, "posture GRAY_ZONE").refusal()).isEqualTo("retraction-not-held");
        assertThat(java.nio.file.Files.readAllLines(AuditLog.file(dir)))
                .anyMatch(l -> l.contains("\tretraction-received\tusa-1\tusa-1:GONE (not held): posture GRAY_ZONE"));
    }

    @Test
    void ourEquivalenceReadBackwardsTakesTheHigherOfTwoClassifications() {
        SecurityPolicy p = PolicyYaml.parse(Nations.JPN_POLICY.replace("USA: {classifications: {TORIATSUKAICHUI: CONFIDENTIAL, HI: SECRET}",
                "USA: {classifications: {TORIATSUKAICHUI: SECRET, HI: SECRET}"));
        assertThat(PartnerLabels.inverse(p, p.equivalenceTo("USA").orElseThrow()).classifications())
                .containsEntry("SECRET", "HI");
    }
}
