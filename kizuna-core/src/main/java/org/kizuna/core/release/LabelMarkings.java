package org.kizuna.core.release;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.core.routing.LabelMarking;
import org.kizuna.policy.access.DominantLabel;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.policy.spec.Markings;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * Markings of labels under the node's policy, for people: rendered once per label (labels are
 * interned, so this is a map lookup per event), each with an id that browsers send back to ask
 * for the dominant banner of what they show. The id is a digest of the label, so it survives a
 * restart of the node and says nothing a client could not read from the marking itself.
 */
final class LabelMarkings {

    /** Distinct labels remembered; beyond it both maps start again (a flood of invented labels must not grow memory). */
    static final int MAX = 10_000;

    private final SecurityPolicy policy;
    private final Markings markings;
    private final Map<LabelKey, Optional<LabelMarking>> byKey = new ConcurrentHashMap<>();
    private final Map<String, SecurityLabel> byId = new ConcurrentHashMap<>();

    LabelMarkings(SecurityPolicy policy) {
        this.policy = policy;
        this.markings = new Markings(policy);
    }

    /** The markings of {@code key}'s label under this policy; null when it has none under it. */
    LabelMarking of(LabelKey key) {
        Optional<LabelMarking> m = byKey.get(key);
        if (m == null) {
            if (byKey.size() >= MAX) {
                byKey.clear();
            }
            m = render(key);
            byKey.put(key, m);
        }
        return m.orElse(null);
    }

    private Optional<LabelMarking> render(LabelKey key) {
        Optional<SecurityLabel> own = key.labels().forPolicy(policy.id()).filter(l -> policy.problems(l).isEmpty());
        if (own.isEmpty()) {
            return Optional.empty();
        }
        SecurityLabel label = own.get();
        String id = id(label);
        if (byId.size() >= MAX) {
            byId.clear();
        }
        byId.put(id, label);
        return Optional.of(new LabelMarking(id, markings.portion(label), markings.banner(label)));
    }

    /** The banner of the label dominating all of {@code ids}; the lowest classification's when there are none. */
    String dominantBanner(Collection<String> ids) {
        List<SecurityLabel> labels = new ArrayList<>(ids.size());
        for (String id : ids) {
            SecurityLabel l = byId.get(id);
            if (l == null) {
                throw new IllegalArgumentException("unknown label id " + id);
            }
            labels.add(l);
        }
        if (labels.isEmpty()) {
            return lowestClassificationMarking();
        }
        return markings.banner(DominantLabel.of(policy, labels));
    }

    /** An empty screen holds nothing above the lowest classification (no category to mark either). */
    private String lowestClassificationMarking() {
        return policy.classifications().stream().min(Comparator.comparingInt(c -> policy.rank(c.name())))
                .orElseThrow().marking();
    }

    static String id(SecurityLabel label) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(label.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
