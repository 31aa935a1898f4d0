package org.kizuna.app.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.attacks.Coalition.JPN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.attacks.RawCot.Marking;
import org.kizuna.app.interop.InteropClient;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.WebClient;

/**
 * Issue #13's edges outside the guard that name clients, on the Japanese demo node: the TAK
 * contact lists ({@code /Marti/api/clientEndPoints} and {@code /Marti/api/contacts/all}, over
 * HTTPS with a client certificate) and the
 * disconnect notice. A Japan-only client (its own report marked HI REL TO JPN) is neither listed
 * to nor announced as gone to the U.S. liaison, whose clearance does not cover it; certificate
 * names are listed to admins only.
 *
 * <p>The nodes run in CONTINGENCY, whose alliance rule releases by label alone: the demo's
 * PEACETIME rules release no {@code t-x-d-d} to the ally at all (they name position types), so
 * there only the label of the notice decides, which is what this test must put to the proof.
 */
class ContactEdgeAttacksTest {

    private static final String ENDPOINTS = "/Marti/api/clientEndPoints";
    private static final Marking JAPAN_ONLY = new Marking("HI", "JPN");

    @TempDir
    static Path dir;
    static Coalition coalition;
    /** A Japanese observer, and the U.S. liaison's TAK client on the Japanese node. */
    static InteropClient alpha;
    static InteropClient liaison;
    /** Japan-only (kilo, lima) and default-labelled (papa, november) clients, one pair for each test. */
    static InteropClient kilo;
    static InteropClient papa;
    static InteropClient lima;
    static InteropClient november;

    @BeforeAll
    static void start() throws Exception {
        coalition = Coalition.start(dir, List.of("jpn-alpha", "usa-lno", "jpn-kilo", "jpn-papa", "jpn-lima",
                "jpn-november"), List.of());
        alpha = coalition.launch(coalition.jpn(), "jpn-alpha", false);
        liaison = coalition.launch(coalition.jpn(), "usa-lno", false);
        kilo = coalition.launch(coalition.jpn(), "jpn-kilo", false);
        papa = coalition.launch(coalition.jpn(), "jpn-papa", false);
        lima = coalition.launch(coalition.jpn(), "jpn-lima", false);
        november = coalition.launch(coalition.jpn(), "jpn-november", false);
        Coalition.ready(alpha, liaison, kilo, papa, lima, november);
        Coalition.posture(coalition.jpn(), "CONTINGENCY");
    }

    @AfterAll
    static void stop() {
        if (coalition != null) {
            coalition.close();
        }
    }

    @Test
    void theContactListShowsAClientOnlyToCallersItsOwnReportIsReleasedTo() throws Exception {
        kilo.send(RawCot.selfReport("KILO-UID", "KILO", 35.65, 139.74, JAPAN_ONLY));
        papa.send(RawCot.selfReport("PAPA-UID", "PAPA", 35.66, 139.75, Marking.NONE));
        // the contact list is made from the picture, which the router updates after delivering
        Await.until(() -> coalition.jpn().server().picture().get("KILO-UID") != null
                && coalition.jpn().server().picture().get("PAPA-UID") != null, "both reports are in the picture");

        Map<String, String> toLiaison = endpoints(coalition.certificateCaller("usa-lno"));
        assertThat(toLiaison).containsKey("PAPA-UID").doesNotContainKey("KILO-UID");
        Map<String, String> toJapanese = endpoints(coalition.certificateCaller("jpn-alpha"));
        assertThat(toJapanese).containsEntry("PAPA-UID", "").containsEntry("KILO-UID", "");
        Map<String, String> toAdmin = endpoints(coalition.web("alice"));
        assertThat(toAdmin).containsEntry("PAPA-UID", "jpn-papa").containsEntry("KILO-UID", "jpn-kilo");
        assertThat(endpoints(coalition.web("lno"))).containsKey("PAPA-UID").doesNotContainKey("KILO-UID");

        // TAK's other contact list, /Marti/api/contacts/all, is released the same way.
        assertThat(contacts(coalition.certificateCaller("usa-lno"))).containsKey("PAPA-UID").doesNotContainKey("KILO-UID");
        assertThat(contacts(coalition.certificateCaller("jpn-alpha"))).containsEntry("PAPA-UID", "PAPA")
                .containsEntry("KILO-UID", "KILO");
        assertThat(contacts(coalition.web("lno"))).containsKey("PAPA-UID").doesNotContainKey("KILO-UID");
    }

    @Test
    void aJapanOnlyClientsDisconnectNoticeNeverReachesTheUsLiaison() throws Exception {
        // the control: a client the liaison may see leaves, and the liaison is told
        november.send(RawCot.selfReport("NOVEMBER-UID", "NOVEMBER", 35.67, 139.76, Marking.NONE));
        liaison.awaitUid("NOVEMBER-UID");
        november.disconnect();
        liaison.awaitEvent(e -> Observed.deletes(e, "NOVEMBER-UID"), "November's disconnect notice", Duration.ofSeconds(20));

        lima.send(RawCot.selfReport("LIMA-UID", "LIMA", 35.68, 139.77, JAPAN_ONLY));
        alpha.awaitUid("LIMA-UID");
        lima.disconnect();
        JsonNode notice = alpha.awaitEvent(e -> Observed.deletes(e, "LIMA-UID"), "Lima's disconnect notice",
                Duration.ofSeconds(20));
        Observed.barrier(alpha, JPN, List.of(liaison), List.of());
        assertThat(Observed.withUid(liaison, "LIMA-UID")).as(liaison.transcript()).isEmpty();
        assertThat(Observed.deletesOf(liaison, "LIMA-UID")).as(liaison.transcript()).isEmpty();
        // the notice carries the label of the report it removes
        assertThat(notice.path("access").asText()).isEqualTo("HI");
        assertThat(notice.path("releasableTo").asText()).isEqualTo("JPN");
    }

    /** {@code /Marti/api/contacts/all} as {@code caller} gets it: uid to callsign. */
    private static Map<String, String> contacts(WebClient caller) throws Exception {
        HttpResponse<String> r = caller.get("/Marti/api/contacts/all");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> out = new LinkedHashMap<>();
        WebClient.json(r).forEach(e -> out.put(e.get("uid").asText(), e.get("callsign").asText()));
        return out;
    }

    /** The contact list as {@code caller} gets it: uid to the certificate name shown. */
    private static Map<String, String> endpoints(WebClient caller) throws Exception {
        HttpResponse<String> r = caller.get(ENDPOINTS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> out = new LinkedHashMap<>();
        WebClient.json(r).get("data").forEach(e -> out.put(e.get("uid").asText(), e.get("username").asText()));
        return out;
    }
}
