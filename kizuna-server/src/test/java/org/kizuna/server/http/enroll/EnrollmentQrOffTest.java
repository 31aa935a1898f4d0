package org.kizuna.server.http.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.WebClient;

/** Without an enrollment port the web API issues no enrollment QR, and says why (409). */
class EnrollmentQrOffTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheEnrollmentPortAnAdminGetsAConflictNamingIt() throws Exception {
        MemoryAccounts accounts = new MemoryAccounts().with("root", "pw-root-long", "admin", "Blue")
                .with("alice", "pw-alice-long", "viewer", "Blue");
        try (RunningWeb node = new RunningWeb(dir, Map.of(), accounts)) {
            WebClient root = new WebClient(node.pki().trustOnlyContext(), node.base());
            assertThat(root.login("root", "pw-root-long").statusCode()).isEqualTo(200);

            HttpResponse<String> res = root.post("/api/enrollment/qr", "{\"username\": \"alice\"}");

            assertThat(res.statusCode()).as(res.body()).isEqualTo(409);
            assertThat(WebClient.json(res).get("detail").asText()).contains("enrollment port");
            assertThat(root.post("/api/enrollment/qr", "{\"username\": \"alice\"}", Map.of("Origin", "https://evil.example"))
                    .statusCode()).as("a cross-site write").isEqualTo(403);
        }
    }
}
