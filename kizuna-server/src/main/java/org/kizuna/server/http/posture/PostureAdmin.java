package org.kizuna.server.http.posture;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureControl;

/**
 * The node's posture steps as the web API takes them: each one under the posture file's lock, in
 * the audit log, and followed by the running node within a second, exactly as {@code kizuna
 * posture}. {@code by} is always the signed-in admin's account name.
 *
 * <p>A refused step throws {@link IllegalStateException} (nothing pending, the same admin twice,
 * the request lapsed) or {@link IllegalArgumentException} (a bad duration).
 */
public interface PostureAdmin {

    /** The posture now, read without a lock and without writing (what fell due shown as done). */
    PostureControl status() throws IOException;

    PostureControl request(Posture posture, Optional<Duration> lasts, String by) throws IOException;

    /**
     * Approves the pending request only if it asks for {@code posture}: an approver approves what
     * they saw, not a request swapped in meanwhile.
     */
    PostureControl approve(Posture posture, String by) throws IOException;

    PostureControl cancel(String by) throws IOException;
}
