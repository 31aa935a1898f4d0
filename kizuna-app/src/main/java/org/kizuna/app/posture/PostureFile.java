package org.kizuna.app.posture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureChange;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureEvent;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.files.OwnerOnlyFiles;

/**
 * The node's posture on disk ({@code DATA/policy/posture.json}): the posture in force and the
 * request waiting for approval, sealed with a MAC (HMAC-SHA256 under a key derived from the
 * node's {@link AuditKey}) over its content. Only the audited steps write it: the admin commands
 * and the running node change it under an exclusive lock ({@code posture.lock}), record each step
 * in the audit log before the file is replaced (atomically), and a file whose MAC is missing or
 * wrong is refused ({@link PostureFileRejected}), never read.
 */
public final class PostureFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAC_PURPOSE = "kizuna posture.json v1";
    /** A file lock belongs to the whole JVM: updates in one JVM also take turns on this monitor. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;
    private final Path lockFile;
    private final byte[] macKey;

    public PostureFile(Path dataDir, AuditKey key) {
        Path dir = dataDir.resolve("policy");
        this.file = dir.resolve("posture.json");
        this.lockFile = dir.resolve("posture.lock");
        this.macKey = key.derive(MAC_PURPOSE);
    }

    public Path path() {
        return file;
    }

    /** What one locked update did: the control after it and the steps it took, oldest first. */
    public record Update<T>(PostureControl control, List<PostureEvent> events, T result) {
    }

    /**
     * Under the lock: loads the control ({@code initial} when there is no file yet), lapses and
     * expires what is due, applies {@code change}, hands the steps taken to {@code audit}, then
     * saves. The audit comes first: when it throws, nothing is saved and the change never takes
     * effect. A refused change (its exception) records and saves nothing.
     */
    public <T> Update<T> update(Posture initial, Clock clock, Function<PostureControl, T> change,
                                Consumer<List<PostureEvent>> audit) throws IOException {
        OwnerOnlyFiles.directory(file.getParent());
        synchronized (IN_PROCESS) {
            try (FileChannel ch = OwnerOnlyFiles.channel(lockFile, EnumSet.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)); FileLock lock = ch.lock()) {
                boolean saved = Files.isRegularFile(file);
                PostureControl control = read(initial, clock);
                List<PostureEvent> events = new ArrayList<>(control.tick());
                T result = change.apply(control);
                if (result instanceof PostureEvent e) {
                    events.add(e);
                }
                if (!events.isEmpty()) {
                    audit.accept(List.copyOf(events));
                }
                if (!events.isEmpty() || !saved) {
                    write(control);
                }
                return new Update<>(control, events, result);
            }
        }
    }

    /**
     * The saved control, or a new one in {@code initial} (version 1) when nothing is saved.
     *
     * @throws PostureFileRejected when the file's MAC is missing or wrong, or it is unreadable
     */
    public PostureControl read(Posture initial, Clock clock) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new PostureControl(PostureState.initial(initial, clock.instant()), Posture.PEACETIME,
                    PostureControl.DEFAULT_REQUEST_TIMEOUT, clock);
        }
        Sealed s = open(bytes);
        if (!s.sealed()) {
            throw new PostureFileRejected(file, digest(bytes), "it carries no MAC: written by hand, or by Kizuna "
                    + "before posture files were sealed");
        }
        return s.control(clock);
    }

    /**
     * A file written before posture files were sealed is adopted (sealed now, its version kept)
     * only when it says no more than a fresh start would: {@code initial} in force, no expiry,
     * nothing pending. {@code audit} records it first. Anything else stays refused.
     *
     * @return true when a file was adopted
     */
    public boolean adoptUnsealed(Posture initial, Clock clock, Consumer<PostureState> audit) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        synchronized (IN_PROCESS) {
            try (FileChannel ch = OwnerOnlyFiles.channel(lockFile, EnumSet.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)); FileLock lock = ch.lock()) {
                byte[] bytes = Files.readAllBytes(file);
                Sealed s = open(bytes);
                if (s.sealed()) {
                    return false;
                }
                PostureControl control = s.control(clock);
                PostureState state = control.current();
                if (!state.posture().equals(initial) || state.expiresAt().isPresent() || control.pending().isPresent()) {
                    return false;
                }
                audit.accept(state);
                write(control);
                return true;
            }
        }
    }

    /** The file's content, parsed, and whether its MAC matched; rejected when unreadable or wrong. */
    private Sealed open(byte[] bytes) {
        JsonNode n;
        Saved saved;
        try {
            n = JSON.readTree(bytes);
            saved = parse(n);
        } catch (IOException | RuntimeException e) {
            throw new PostureFileRejected(file, digest(bytes), "unreadable: " + e.getMessage());
        }
        boolean sealed = n.path("mac").isTextual();
        if (sealed && !MessageDigest.isEqual(mac(saved).getBytes(StandardCharsets.US_ASCII),
                n.path("mac").asText().getBytes(StandardCharsets.US_ASCII))) {
            throw new PostureFileRejected(file, digest(bytes),
                    "its MAC does not match its content: changed by hand, or this is not the node's audit key");
        }
        return new Sealed(saved, sealed);
    }

    /** What a file holds: the state in force and the request waiting. */
    private record Saved(PostureState state, Optional<PostureChange> pending) {
    }

    private record Sealed(Saved saved, boolean sealed) {
        PostureControl control(Clock clock) {
            return new PostureControl(saved.state(), saved.pending(), Posture.PEACETIME,
                    PostureControl.DEFAULT_REQUEST_TIMEOUT, clock);
        }
    }

    private static Saved parse(JsonNode n) {
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
        return new Saved(state, pending);
    }

    private void write(PostureControl control) throws IOException {
        Saved saved = new Saved(control.current(), control.pending());
        ObjectNode n = content(saved);
        n.put("mac", mac(saved));
        OwnerOnlyFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    }

    /**
     * The content as this class writes it, without the MAC. The MAC is over its compact form,
     * rebuilt from what was read: it covers what the file means, whatever its spacing.
     */
    private static ObjectNode content(Saved saved) {
        PostureState s = saved.state();
        ObjectNode n = JSON.createObjectNode();
        n.put("posture", s.posture().name()).put("version", s.version()).put("since", s.since().toString())
                .put("expiresAt", s.expiresAt().map(Instant::toString).orElse(null))
                .put("requestedBy", s.requestedBy()).put("approvedBy", s.approvedBy());
        saved.pending().ifPresent(p -> n.putObject("pending").put("posture", p.posture().name())
                .put("requestedBy", p.requestedBy()).put("requestedAt", p.requestedAt().toString())
                .put("lasts", p.lasts().map(Duration::toString).orElse(null)).put("lapsesAt", p.lapsesAt().toString()));
        return n;
    }

    private String mac(Saved saved) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(content(saved));
            return HexFormat.of().formatHex(AuditKey.hmac(macKey, canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Optional<Instant> instant(JsonNode n) {
        return n.isTextual() ? Optional.of(Instant.parse(n.asText())) : Optional.empty();
    }
}
