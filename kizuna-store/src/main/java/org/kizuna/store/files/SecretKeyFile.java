package org.kizuna.store.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A node secret in a file of its own (32 random bytes, made owner-only on first use), kept apart
 * from what it protects so that a copy of one is no use without the other; an operator may put it
 * on another volume.
 */
public final class SecretKeyFile {

    public static final int KEY_BYTES = 32;

    private SecretKeyFile() {
    }

    /** The key in {@code file}, made on first use; a file of the wrong size is an error, never replaced. */
    public static byte[] loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            OwnerOnlyFiles.directory(parent);
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            try {
                OwnerOnlyFiles.createNew(file, key);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: use theirs
            }
        }
        return load(file);
    }

    /** The key in an existing {@code file}. */
    public static byte[] load(Path file) throws IOException {
        byte[] key = Files.readAllBytes(file);
        if (key.length != KEY_BYTES) {
            throw new IOException(file + " holds " + key.length + " bytes; a key is " + KEY_BYTES + " random bytes");
        }
        OwnerOnlyFiles.warnIfShared(file);
        return key;
    }
}
