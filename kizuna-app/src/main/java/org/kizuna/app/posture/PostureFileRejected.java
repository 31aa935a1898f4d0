package org.kizuna.app.posture;

import java.nio.file.Path;

/**
 * {@code posture.json} was not written through {@code kizuna posture} or the web API's posture
 * steps: its MAC is missing or does not match, or it is unreadable. Nothing is read from it and
 * nothing is written over it; the running node stays in its last valid posture.
 */
public final class PostureFileRejected extends IllegalStateException {

    private final transient Path file;
    private final String digest;

    PostureFileRejected(Path file, String digest, String why) {
        super(file + " was not written by Kizuna's audited posture steps (" + why + "): refused");
        this.file = file;
        this.digest = digest;
    }

    public Path file() {
        return file;
    }

    /** SHA-256 of the refused content, hex: the same bad file is reported once, and the audit record names it. */
    public String digest() {
        return digest;
    }
}
