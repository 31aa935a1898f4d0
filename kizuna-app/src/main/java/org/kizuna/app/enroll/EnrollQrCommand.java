package org.kizuna.app.enroll;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.kizuna.app.audit.AuditKeyOptions;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.PkiException;
import org.kizuna.server.http.HttpSettings;
import org.kizuna.server.http.enroll.EnrollmentTokens;
import org.kizuna.server.http.enroll.QrCode;
import org.kizuna.server.http.enroll.QuickConnect;
import org.kizuna.store.account.AccountRow;
import org.kizuna.store.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna enroll-qr NAME --data DIR}: a one-time enrollment token for the web account NAME,
 * printed in ATAK's QuickConnect URI and as a QR code to scan. The token stands in for the
 * account's password once on the enrollment port, until it expires; only its hash is stored.
 * The account is not looked up here (an embedded database is one process's at a time, and the
 * node may be running): a token for a name without an account never signs anyone in. Each token
 * is audited ({@code enrollment-token-issued}) before it is shown: no record, no token.
 */
@Command(name = "enroll-qr", mixinStandardHelpOptions = true,
        description = {"Print a QuickConnect URI and QR code that enrolls a TAK client for the web account NAME "
            + "with a one-time token (no password to type)."})
public final class EnrollQrCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "the web account the client enrolls as")
    String name;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the node's data directory")
    Path dataDir;

    @Option(names = "--host", paramLabel = "HOST",
            description = "the address clients reach the node by (default: the server certificate's first name)")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "the enrollment port, when it is not 8446 (added to the host as HOST:PORT)")
    Integer port;

    @Option(names = "--ttl", paramLabel = "MINUTES", defaultValue = "15",
            description = "minutes the token stays usable (default: ${DEFAULT-VALUE})")
    int ttlMinutes;

    @Option(names = "--no-qr", description = "print the URI only")
    boolean noQr;

    @Option(names = "--by", paramLabel = "ADMIN", description = "who issues the token, for the audit log (default: the OS user)")
    String by;

    @Mixin
    AuditKeyOptions auditKey;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            new AccountRow(name, "-", "viewer", java.util.Set.of(), clock.instant()); // the account name rules
        } catch (IllegalArgumentException e) {
            err.println("kizuna enroll-qr: " + e.getMessage());
            return 2;
        }
        if (!java.nio.file.Files.isDirectory(dataDir)) {
            err.println("kizuna enroll-qr: no data directory " + dataDir);
            return 2;
        }
        if (ttlMinutes < 1 || ttlMinutes > 24 * 60) {
            err.println("kizuna enroll-qr: --ttl must be 1..1440 minutes");
            return 2;
        }
        try {
            String address = address();
            Instant expires = clock.instant().plus(Duration.ofMinutes(ttlMinutes));
            String token = EnrollmentTokens.in(dataDir, clock).issue(name, Duration.ofMinutes(ttlMinutes));
            audit(expires);
            String uri = new QuickConnect(address, name, token).uri();
            out.println(uri);
            if (!noQr && terminalCanDraw()) {
                out.print(QrCode.encode(uri).toTerminal());
            } else if (!noQr) {
                out.println("(no QR code: the terminal's character set has no block characters; run with a UTF-8 "
                        + "locale, e.g. LANG=C.UTF-8, or share the URI)");
            }
            out.printf("one-time token for '%s', usable once within %d minutes on the enrollment port%n", name,
                    ttlMinutes);
            out.flush();
            return 0;
        } catch (IOException | PkiException e) {
            err.println("kizuna enroll-qr: " + e.getMessage());
            return 1;
        }
    }

    /** Records the token (never its value); a token that cannot be recorded is never shown, so never usable. */
    private void audit(Instant expires) throws IOException {
        String actor = by == null || by.isBlank() ? System.getProperty("user.name", "admin") : by.trim();
        try (AuditLog audit = AuditLog.openNodeLog(dataDir, auditKey.keyFile(dataDir), clock)) {
            audit.append("enrollment-token-issued", actor, "account '" + name + "' until " + expires);
        } catch (RuntimeException e) {
            throw new IOException("no token issued: the audit record could not be written: " + e.getMessage(), e);
        }
    }

    /** Java 17 writes stdout in the locale's character set; a C locale would print '?' for every module. */
    private static boolean terminalCanDraw() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding",
                java.nio.charset.Charset.defaultCharset().name()));
        try {
            return java.nio.charset.Charset.forName(name).newEncoder().canEncode("█▀▄");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String address() throws IOException {
        return address(dataDir, host, port);
    }

    /**
     * The host a client reaches the enrollment port by: {@code host}, else the server
     * certificate's first name; with {@code :port} unless it is the default 8446. The web COP's
     * enrollment QR ({@code RunningNode}) advertises the same.
     */
    public static String address(Path dataDir, String host, Integer port) throws IOException {
        String h = host;
        if (h == null) {
            h = NodePki.in(dataDir).serverHosts().stream().findFirst()
                    .orElseThrow(() -> new PkiException("the server certificate names no host; pass --host"));
        }
        int defaultPort = HttpSettings.ENROLLMENT_DEFAULT.port();
        return port == null || port == defaultPort ? h : h + ":" + port;
    }

}
