package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {

    final Routes routes = new Routes()
            .get("/api/tracks/{uid}", Routes.Access.USER, (r, c) -> Response.noContent())
            .get("/api/me", Routes.Access.USER, (r, c) -> Response.noContent())
            .fallback((r, c) -> Response.noContent());

    @Test
    void placeholdersBindOneDecodedSegment() {
        Routes.Match m = routes.match(HttpMethod.GET, "/api/tracks/GeoChat.a%2Fb.1");
        assertThat(m.params()).isEqualTo(Map.of("uid", "GeoChat.a/b.1"));
        assertThatThrownBy(() -> routes.match(HttpMethod.GET, "/api/tracks/")).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> routes.match(HttpMethod.GET, "/api/tracks/a/b")).isInstanceOf(Problem.class);
    }

    @Test
    void anotherMethodIs405WithAllowAndHeadFollowsGet() {
        assertThatThrownBy(() -> routes.match(HttpMethod.DELETE, "/api/me"))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status().code()).isEqualTo(405);
                    assertThat(p.headers()).containsEntry("Allow", "GET");
                });
        assertThat(routes.match(HttpMethod.HEAD, "/api/me").route().pattern()).isEqualTo("/api/me");
    }

    @Test
    void theFallbackServesFilesButNeverTheApi() {
        assertThat(routes.match(HttpMethod.GET, "/index.html").route().pattern()).isEqualTo("/*");
        assertThatThrownBy(() -> routes.match(HttpMethod.GET, "/api/unknown"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status().code()).isEqualTo(404));
        assertThatThrownBy(() -> routes.match(HttpMethod.POST, "/index.html")).isInstanceOf(Problem.class);
    }

    @Test
    void missingFilesAreNotRemembered() {
        StaticAssets assets = new StaticAssets("web", RoutesTest.class.getClassLoader());
        for (int i = 0; i < 100; i++) {
            Request r = new Request(HttpMethod.GET, "/no-such-" + i + ".js", Map.of(),
                    new io.netty.handler.codec.http.DefaultHttpHeaders(), new byte[0], "127.0.0.1", false, null, Map.of(), null);
            assertThatThrownBy(() -> assets.serve(r)).isInstanceOf(Problem.class);
        }
        assets.serve(new Request(HttpMethod.GET, "/", Map.of(), new io.netty.handler.codec.http.DefaultHttpHeaders(),
                new byte[0], "127.0.0.1", false, null, Map.of(), null));
        assertThat(assets.cached()).isEqualTo(1);
    }

    @Test
    void assetNamesAreRelativeAndPlain() {
        assertThat(StaticAssets.isSafe("index.html")).isTrue();
        assertThat(StaticAssets.isSafe("vendor/leaflet/leaflet.js")).isTrue();
        assertThat(StaticAssets.isSafe("../secret")).isFalse();
        assertThat(StaticAssets.isSafe("a/../../b")).isFalse();
        assertThat(StaticAssets.isSafe(".hidden")).isFalse();
        assertThat(StaticAssets.isSafe("a//b")).isFalse();
        assertThat(StaticAssets.isSafe("a\\b")).isFalse();
        assertThat(StaticAssets.isSafe("")).isFalse();
    }
}
