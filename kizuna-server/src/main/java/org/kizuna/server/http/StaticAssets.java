package org.kizuna.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web client's files, served from the classpath under {@code root} ({@code web/} in the jar):
 * {@code /} is {@code index.html}. Files are read once and kept (they are small and never change
 * while the node runs). HTML is revalidated on every load so a new release shows at once; other
 * files are cached for an hour and revalidated by ETag.
 */
public final class StaticAssets {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** The page may load only this server's scripts, styles and images (data: for map icons). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    private record Asset(byte[] body, String type, String etag) {
    }

    private final String root;
    private final ClassLoader loader;
    /** Files found, by name. Misses are not kept: random names must not grow the server's memory. */
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    int cached() {
        return cache.size();
    }

    public StaticAssets(String root, ClassLoader loader) {
        this.root = root.endsWith("/") ? root : root + "/";
        this.loader = loader;
    }

    /** The file for {@code path} (with conditional GET), or a 404 problem. */
    public Response serve(Request request) {
        String name = request.path().equals("/") ? "index.html" : request.path().substring(1);
        Asset asset = cache.get(name);
        if (asset == null) {
            asset = load(name).orElseThrow(Problem::notFound);
            cache.put(name, asset);
        }
        String cacheControl = asset.type().startsWith("text/html") ? "no-cache" : "public, max-age=3600";
        if (request.header("If-None-Match").map(asset.etag()::equals).orElse(false)) {
            return new Response(HttpResponseStatus.NOT_MODIFIED, asset.type(),
                    Map.of("ETag", asset.etag(), "Cache-Control", cacheControl), new byte[0]);
        }
        Response r = new Response(HttpResponseStatus.OK, asset.type(), Map.of("ETag", asset.etag(),
                "Cache-Control", cacheControl), asset.body());
        return asset.type().startsWith("text/html") ? r.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY) : r;
    }

    private Optional<Asset> load(String name) {
        if (!isSafe(name)) {
            return Optional.empty();
        }
        String type = TYPES.get(extension(name));
        if (type == null) {
            return Optional.empty(); // only known kinds: never serve a class file or a key by accident
        }
        try (InputStream in = loader.getResourceAsStream(root + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new Asset(body, type, etag(body)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Plain relative names only: no traversal, no hidden files, no backslashes or empty segments. */
    static boolean isSafe(String name) {
        if (name.isEmpty() || name.length() > 256 || name.contains("\\") || name.contains("//")) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + HexFormat.of().formatHex(digest, 0, 12) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
