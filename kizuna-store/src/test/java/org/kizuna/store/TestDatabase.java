package org.kizuna.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for one test: an H2 file in a temporary directory, or a new schema in
 * the PostgreSQL that {@code KIZUNA_TEST_PG_URL} (with {@code KIZUNA_TEST_PG_USER} and
 * {@code KIZUNA_TEST_PG_PASSWORD}) points at — {@code ./kizuna test} and {@code .ci/run} set them.
 * Without that variable PostgreSQL tests are skipped loudly, and fail when {@code CI=true}.
 */
public interface TestDatabase {

    String URL_VARIABLE = "KIZUNA_TEST_PG_URL";

    /** Settings for a store on this database, with the given retention. */
    StoreSettings settings(Duration maxAge, long maxBytes);

    default StoreSettings settings() {
        return settings(null, 0);
    }

    /** Removes what the test created. */
    void drop();

    static TestDatabase h2(Path dir) {
        return new TestDatabase() {
            @Override
            public StoreSettings settings(Duration maxAge, long maxBytes) {
                return new StoreSettings(StoreSettings.h2Url(dir), "", "", maxAge, maxBytes, 4);
            }

            @Override
            public void drop() {
                // the temporary directory goes with the test
            }
        };
    }

    /** A new schema in the test PostgreSQL; skips (or fails under CI) when none is configured. */
    static TestDatabase postgres() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String why = "PostgreSQL tests need " + URL_VARIABLE + " (run ./kizuna test, which starts or finds one)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + why);
            }
            System.err.println("*** SKIPPED: " + why);
            Assumptions.abort(why);
        }
        String user = env("KIZUNA_TEST_PG_USER", "kizuna");
        String password = env("KIZUNA_TEST_PG_PASSWORD", "kizuna");
        String schema = "kt_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        execute(url, user, password, "CREATE SCHEMA " + schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase() {
            @Override
            public StoreSettings settings(Duration maxAge, long maxBytes) {
                return new StoreSettings(schemaUrl, user, password, maxAge, maxBytes, 4);
            }

            @Override
            public void drop() {
                execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
            }
        };
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
