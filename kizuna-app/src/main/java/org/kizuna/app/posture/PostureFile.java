package org.kizuna.app.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureChange;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureEvent;
import org.kizuna.policy.posture.PostureState;

/**
 * The node's posture on disk ({@code DATA/policy/posture.json}): the posture in force and the
 * request waiting for approval. The admin commands and the running node change it only under
 * an exclusive lock ({@code posture.lock}) and replace the file atomically, so neither ever reads
 * half a file or loses the other's change.
 */
public final class PostureFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A file lock belongs to the whole JVM: updates in one JVM also take turns on this monitor. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;
    private final Path lockFile;

    public PostureFile(Path dataDir) {
        Path dir = dataDir.resolve("policy");
        this.file = dir.resolve("posture.json");
        this.lockFile = dir.resolve("posture.lock");
    }

    public Path path() {
        return file;
    }

    /** What one locked update did: the control after it and the steps it took, oldest first. */
    public record Update<T>(PostureControl control, List<PostureEvent> events, T result) {
    }

    /**
     * Loads the control ({@code initial} when there is no file yet), lapses and expires what is due,
     * applies {@code change}, saves, all under the lock.
     */
    public <T> Update<T> update(Posture initial, Clock clock, Function<PostureControl, T> change) throws IOException {
        Files.createDirectories(file.getParent());
        synchronized (IN_PROCESS) {
            return updateLocked(initial, clock, change);
        }
    }

    private <T> Update<T> updateLocked(Posture initial, Clock clock, Function<PostureControl, T> change) throws IOException {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            PostureControl control = read(initial, clock);
            List<PostureEvent> events = new java.util.ArrayList<>(control.tick());
            T result = change.apply(control);
            if (result instanceof PostureEvent e) {
                events.add(e);
            }
            write(control);
            return new Update<>(control, events, result);
        }
    }

    /** The saved control, or a new one in {@code initial} (version 1) when nothing is saved. */
    public PostureControl read(Posture initial, Clock clock) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new PostureControl(PostureState.initial(initial, clock.instant()), Posture.PEACETIME,
                    PostureControl.DEFAULT_REQUEST_TIMEOUT, clock);
        }
        JsonNode n = JSON.readTree(file.toFile());
        PostureState state = new PostureState(new Posture(n.path("posture").asText()), n.path("version").asLong(),
                Instant.parse(n.path("since").asText()), instant(n.path("expiresAt")), n.path("requestedBy").asText(""),
                n.path("approvedBy").asText(""));
        Optional<PostureChange> pending = Optional.empty();
        JsonNode p = n.path("pending");
        if (p.isObject()) {
            pending = Optional.of(new PostureChange(new Posture(p.path("posture").asText()), p.path("requestedBy").asText(),
                    Instant.parse(p.path("requestedAt").asText()),
                    p.path("lasts").isTextual() ? Optional.of(Duration.parse(p.path("lasts").asText())) : Optional.empty(),
                    Instant.parse(p.path("lapsesAt").asText())));
        }
        return new PostureControl(state, pending, Posture.PEACETIME, PostureControl.DEFAULT_REQUEST_TIMEOUT, clock);
    }

    private void write(PostureControl control) throws IOException {
        PostureState s = control.current();
        ObjectNode n = JSON.createObjectNode();
        n.put("posture", s.posture().name()).put("version", s.version()).put("since", s.since().toString())
                .put("expiresAt", s.expiresAt().map(Instant::toString).orElse(null))
                .put("requestedBy", s.requestedBy()).put("approvedBy", s.approvedBy());
        control.pending().ifPresent(p -> n.putObject("pending").put("posture", p.posture().name())
                .put("requestedBy", p.requestedBy()).put("requestedAt", p.requestedAt().toString())
                .put("lasts", p.lasts().map(Duration::toString).orElse(null)).put("lapsesAt", p.lapsesAt().toString()));
        Path tmp = file.resolveSibling("posture.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Instant> instant(JsonNode n) {
        return n.isTextual() ? Optional.of(Instant.parse(n.asText())) : Optional.empty();
    }
}
