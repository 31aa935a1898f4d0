package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.testing.TestPki;

class AllowedHostsTest {

    final AllowedHosts hosts = AllowedHosts.of(List.of("COP.example.org.", "192.0.2.10", "::1", "*.hq.example.org"));

    @Test
    void namesAreComparedNormalisedAndThePortIsIgnored() {
        assertThat(hosts.names()).containsExactlyInAnyOrder("cop.example.org", "192.0.2.10", "[::1]", "*.hq.example.org");
        assertThat(hosts.allowsHost("cop.example.org")).isTrue();
        assertThat(hosts.allowsHost("Cop.Example.Org.:8443")).isTrue();
        assertThat(hosts.allowsHost("192.0.2.10:443")).isTrue();
        assertThat(hosts.allowsHost("[0:0:0:0:0:0:0:1]:8443")).isTrue();
        assertThat(hosts.allowsHost("web.hq.example.org")).isTrue();

        assertThat(hosts.allowsHost("hq.example.org")).isFalse();
        assertThat(hosts.allowsHost("a.web.hq.example.org")).isFalse();
        assertThat(hosts.allowsHost("cop.example.org.evil.example")).isFalse();
        assertThat(hosts.allowsHost("cop.example.org:443:1")).isFalse();
        assertThat(hosts.allowsHost("user@cop.example.org")).isFalse();
        assertThat(hosts.allowsHost("[::1")).isFalse();
        assertThat(hosts.allowsHost("")).isFalse();
        assertThat(hosts.allowsHost(null)).isFalse();
    }

    @Test
    void anOriginIsAPageOfOneOfTheNamesWithThisSchemeOnThePortOfTheRequest() {
        assertThat(hosts.allowsOrigin("https://cop.example.org:8443", true, "192.0.2.10:8443")).isTrue();
        assertThat(hosts.allowsOrigin("https://cop.example.org", true, "cop.example.org")).isTrue();
        assertThat(hosts.allowsOrigin("https://cop.example.org:443", true, "cop.example.org")).isTrue();
        assertThat(hosts.allowsOrigin("http://[::1]:8080", false, "[::1]:8080")).isTrue();

        assertThat(hosts.allowsOrigin("https://evil.example:8443", true, "evil.example:8443")).isFalse();
        assertThat(hosts.allowsOrigin("https://cop.example.org:3000", true, "cop.example.org:8443")).isFalse();
        assertThat(hosts.allowsOrigin("http://cop.example.org:8443", true, "cop.example.org:8443")).isFalse();
        assertThat(hosts.allowsOrigin("https://cop.example.org:8443/path", true, "cop.example.org:8443")).isFalse();
        assertThat(hosts.allowsOrigin("null", true, "cop.example.org")).isFalse();
        assertThat(hosts.allowsOrigin("https://cop example", true, "cop.example.org")).isFalse();
    }

    @Test
    void byDefaultTheNodeAnswersToItsCertificatesNamesAndLoopback(@TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir); // server certificate for localhost and 127.0.0.1
        AllowedHosts fromCertificate = AllowedHosts.resolve(List.of(), pki.serverFiles().certificateChainPem());
        assertThat(fromCertificate.names()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "[::1]");
        assertThat(AllowedHosts.resolve(List.of(), null).names()).containsExactlyInAnyOrder("localhost", "127.0.0.1",
                "[::1]");
        assertThat(AllowedHosts.resolve(List.of("cop.example.org"), pki.serverFiles().certificateChainPem()).names())
                .containsExactly("cop.example.org");
    }

    @Test
    void plainHttpIsRefusedUnlessTheListenerIsOnLoopback() {
        for (String bind : List.of("0.0.0.0", "::", "192.0.2.10", "cop.example.org")) {
            assertThatThrownBy(() -> HttpSettings.DEFAULTS.withListener(new Listener(true, bind, 8443), false))
                    .as(bind).hasMessageContaining("http.tls: false is allowed only when http.bind is a loopback address");
        }
        for (String bind : List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost")) {
            assertThat(HttpSettings.DEFAULTS.withListener(new Listener(true, bind, 8443), false).tls()).as(bind).isFalse();
        }
        assertThatThrownBy(() -> HttpSettings.DEFAULTS.withHosts(List.of("cop.example.org/path")))
                .hasMessageContaining("http.hosts: not a host name or IP address");
    }
}
