package org.kizuna.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.testing.KizunaCli.kizuna;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.testing.KizunaCli.Run;
import org.kizuna.core.identity.IdentitySettings;
import org.kizuna.core.identity.UidBindings.Claim;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.audit.AuditVerifier;

/** {@code kizuna uid} as an administrator uses it, next to a running node's bindings. */
class UidCommandTest {

    private static final IdentitySettings SETTINGS = IdentitySettings.DEFAULTS;

    @TempDir
    Path data;

    private final Clock clock = Clock.fixed(NodeUidBindingsTest.T0, ZoneOffset.UTC);

    @Test
    void aReleaseReachesTheRunningNodeOnRefreshAndIsAudited() throws Exception {
        String dir = data.toString();
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            node.bindings().claim("ANDROID-1", "demo-alpha");
            node.bindings().claim("ANDROID-2", "demo-alpha");
            assertThat(node.flush(Duration.ofSeconds(10))).isTrue();

            Run released = kizuna("uid", "release", "ANDROID-1", "--data", dir, "--by", "carol");
            assertThat(released.exit()).as(released.err()).isZero();
            assertThat(released.out()).contains("released 'ANDROID-1' from demo-alpha");

            assertThat(node.bindings().ownerOf("ANDROID-1")).contains("demo-alpha");
            assertThat(node.refresh()).isEqualTo(1);
            assertThat(node.bindings().ownerOf("ANDROID-1")).isEmpty();
            assertThat(node.refresh()).isZero();
            assertThat(node.bindings().claim("ANDROID-1", "demo-bravo")).isEqualTo(Claim.BOUND);
            assertThat(node.bindings().ownerOf("ANDROID-2")).contains("demo-alpha");
        }
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            assertThat(node.bindings().ownerOf("ANDROID-1")).contains("demo-bravo");
        }
        Path audit = AuditLog.file(data);
        assertThat(AuditVerifier.verify(audit, AuditKey.load(AuditKey.defaultFile(data))).intact()).isTrue();
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(1);
        String[] fields = lines.get(0).split("\t");
        assertThat(fields[2]).isEqualTo("uid-released");
        assertThat(fields[3]).isEqualTo("carol");
        assertThat(fields[4]).contains("ANDROID-1").contains("demo-alpha");
    }

    @Test
    void releasingAUidThatIsNotBoundFailsAndAuditsNothing() throws Exception {
        Run none = kizuna("uid", "release", "ANDROID-9", "--data", data.toString(), "--by", "carol");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("uid 'ANDROID-9' is not bound");
        assertThat(data.resolve("identity")).doesNotExist();

        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            node.bindings().claim("ANDROID-1", "demo-alpha");
            assertThat(node.flush(Duration.ofSeconds(10))).isTrue();
            Run other = kizuna("uid", "release", "ANDROID-9", "--data", data.toString());
            assertThat(other.exit()).isEqualTo(1);
            assertThat(other.err()).contains("is not bound");
        }
        assertThat(AuditLog.file(data)).doesNotExist();
    }

    /** Before: the release was written, then the audit failed ("released ..., but the audit record could not be written"). */
    @Test
    void aReleaseThatCannotBeAuditedLeavesTheUidBound() throws Exception {
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            node.bindings().claim("ANDROID-1", "demo-alpha");
            assertThat(node.flush(Duration.ofSeconds(10))).isTrue();
            Files.createDirectories(AuditLog.file(data).getParent());
            Files.writeString(AuditLog.file(data), "an unreadable last line\n");

            Run refused = kizuna("uid", "release", "ANDROID-1", "--data", data.toString(), "--by", "carol");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("nothing was released").contains("audit record could not be written");
            assertThat(node.refresh()).isZero();
            assertThat(node.bindings().ownerOf("ANDROID-1")).contains("demo-alpha");
        }
        assertThat(Files.readAllLines(org.kizuna.store.identity.UidBindingLog.file(data))).noneMatch(l -> l.startsWith("released"));
    }

    @Test
    void listShowsEachBindingOnOneLine() throws Exception {
        String dir = data.toString();
        assertThat(kizuna("uid", "list", "--data", dir)).isEqualTo(new Run(0, "", ""));
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            node.bindings().claim("b-unit", "demo-alpha");
            node.bindings().claim("a-unit", "web:carol");
            node.bindings().claim("forged\nreleased\tb-unit", "anonymous");
            assertThat(node.flush(Duration.ofSeconds(10))).isTrue();

            Run all = kizuna("uid", "list", "--data", dir);
            assertThat(all.exit()).isZero();
            assertThat(all.out().lines()).containsExactly(
                    "a-unit\tweb:carol\t" + NodeUidBindingsTest.T0,
                    "b-unit\tdemo-alpha\t" + NodeUidBindingsTest.T0,
                    "forged\\nreleased\\tb-unit\tanonymous\t" + NodeUidBindingsTest.T0);
            assertThat(kizuna("uid", "list", "--data", dir, "--owner", "web:carol").out().lines())
                    .containsExactly("a-unit\tweb:carol\t" + NodeUidBindingsTest.T0);

            Run released = kizuna("uid", "release", "forged\nreleased\tb-unit", "--data", dir, "--by", "carol");
            assertThat(released.exit()).isZero();
            assertThat(released.out()).contains("released 'forged\\nreleased\\tb-unit' from anonymous");
            assertThat(node.refresh()).isEqualTo(1);
            assertThat(node.bindings().ownerOf("b-unit")).contains("demo-alpha");
        }
    }
}
