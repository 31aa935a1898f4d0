package org.kizuna.app.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.attacks.RawCot.Marking;
import org.kizuna.app.interop.InteropClient;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.WebClient;

/**
 * Issue #13's history filters ({@code GET /api/events} over HTTPS) as the U.S. liaison's web
 * account on the Japanese demo node, which sees friendly positions only on a 5 km grid and
 * hostile tracks only without identity: narrowing the bbox, asking by real uid, by full type or
 * by sender recovers nothing beyond the copy it may see. The Japanese watch officer, asking the
 * same, gets the exact items: the filters work, on what each caller may see.
 */
class HistoryFilterAttacksTest {

    private static final double LAT = 35.6789;
    private static final double LON = 139.7123;

    @TempDir
    static Path dir;
    static Coalition coalition;
    static WebClient watch;
    static WebClient liaison;

    @BeforeAll
    static void start() throws Exception {
        coalition = Coalition.start(dir, List.of("jpn-alpha"), List.of());
        InteropClient alpha = coalition.tak(coalition.jpn(), "jpn-alpha");
        alpha.send(RawCot.unit("TRACK-F", "a-f-G-U-C", "FRIEND", LAT, LON, Marking.NONE));
        alpha.send(RawCot.unit("TRACK-H", "a-h-G-E-V-A", "HOSTILE", 35.6001, 139.6002, Marking.NONE));
        watch = coalition.web("watch");
        liaison = coalition.web("lno");
        // the history writer commits in the background
        Await.until(() -> uids(watch, "").containsAll(List.of("TRACK-F", "TRACK-H")), "both tracks are stored");
    }

    @AfterAll
    static void stop() {
        if (coalition != null) {
            coalition.close();
        }
    }

    @Test
    void aNarrowBboxDoesNotLocateACoarsenedPositionMoreExactlyThanItsCell() throws Exception {
        JsonNode coarse = item(items(liaison, ""), "TRACK-F");
        assertThat(coarse.get("ce").asDouble()).isGreaterThanOrEqualTo(Coalition.COARSE_METRES);
        String aroundExact = bbox(LAT, LON, 0.001);
        assertThat(Math.abs(coarse.get("lat").asDouble() - LAT) > 0.001
                || Math.abs(coarse.get("lon").asDouble() - LON) > 0.001)
                .as("the cell centre lies outside the narrow box, or the box proves nothing").isTrue();

        assertThat(uids(liaison, "bbox=" + aroundExact)).doesNotContain("TRACK-F");
        assertThat(uids(watch, "bbox=" + aroundExact)).contains("TRACK-F");
        // the box that holds the copy the liaison may see finds it
        assertThat(uids(liaison, "bbox=" + bbox(coarse.get("lat").asDouble(), coarse.get("lon").asDouble(), 0.001)))
                .contains("TRACK-F");
    }

    @Test
    void aRealUidFullTypeOrSenderFindsNoCopyReleasedWithoutIdentity() throws Exception {
        List<JsonNode> seen = items(liaison, "");
        JsonNode anonymous = seen.stream().filter(i -> i.get("uid").asText().startsWith("anon-")).findFirst()
                .orElseThrow(() -> new AssertionError("no pseudonymous copy in " + seen));
        assertThat(anonymous.get("type").asText()).isEqualTo("a-h-G");
        assertThat(anonymous.has("sender")).as(anonymous.toString()).isFalse();
        assertThat(item(seen, "TRACK-F").get("sender").asText()).isEqualTo("jpn-alpha");
        assertThat(seen).noneMatch(i -> i.get("uid").asText().equals("TRACK-H"));

        assertThat(items(liaison, "uid=TRACK-H")).isEmpty();
        assertThat(uids(watch, "uid=TRACK-H")).containsExactly("TRACK-H");
        assertThat(items(liaison, "type=a-h-G-E-V")).isEmpty();
        assertThat(uids(watch, "type=a-h-G-E-V")).containsExactly("TRACK-H");
        assertThat(uids(liaison, "sender=jpn-alpha")).contains("TRACK-F").noneMatch(u -> u.startsWith("anon-"));
        assertThat(uids(watch, "sender=jpn-alpha")).contains("TRACK-F", "TRACK-H");
        // the pseudonym itself finds its copy
        assertThat(uids(liaison, "uid=" + anonymous.get("uid").asText())).containsExactly(anonymous.get("uid").asText());
    }

    private static String bbox(double lat, double lon, double half) {
        return URLEncoder.encode(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", lon - half, lat - half, lon + half,
                lat + half), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> items(WebClient web, String query) throws Exception {
        HttpResponse<String> r = web.get("/api/events" + (query.isEmpty() ? "" : "?" + query));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        WebClient.json(r).get("items").forEach(out::add);
        return out;
    }

    private static List<String> uids(WebClient web, String query) {
        try {
            return items(web, query).stream().map(i -> i.get("uid").asText()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode item(List<JsonNode> items, String uid) {
        return items.stream().filter(i -> i.get("uid").asText().equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError(uid + " not in " + items));
    }
}
