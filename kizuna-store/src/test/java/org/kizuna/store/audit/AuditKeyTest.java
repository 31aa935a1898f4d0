package org.kizuna.store.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyTest {

    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeOnceOwnerOnlyOutsideTheAuditDirectory() throws Exception {
        Path file = AuditKey.defaultFile(dir);
        assertThat(file.getParent()).isNotEqualTo(AuditLog.file(dir).getParent());
        AuditKey made = AuditKey.loadOrCreate(file);
        assertThat(Files.size(file)).isEqualTo(AuditKey.LENGTH);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        }
        byte[] before = Files.readAllBytes(file);
        AuditKey again = AuditKey.loadOrCreate(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(again.chainMac("x")).isEqualTo(made.chainMac("x"));
        assertThat(made.derive("posture")).isNotEqualTo(made.derive("other")).hasSize(32);
    }

    @Test
    void aMissingOrShortKeyIsAClearError() throws Exception {
        Path file = dir.resolve("keys").resolve("audit.key");
        assertThatThrownBy(() -> AuditKey.load(file)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("no audit key");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[5]);
        assertThatThrownBy(() -> AuditKey.load(file)).hasMessageContaining("a key is 32 random bytes");
    }
}
