package org.kizuna.core.routing;

import java.util.List;
import java.util.Optional;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.UidBindings;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.Link;

/**
 * Every uid an event writes belongs to the identity that published it first on this node
 * (certificate common name, web account, or {@code anonymous} for all plain-TCP clients), so a
 * client with a valid certificate cannot take over another's unit, delete it, relabel it, speak
 * as another in chat, or receive another's direct messages by announcing its uid:
 * <ul>
 *   <li>an event's own uid is claimed: bound when free, refused when another identity owns it;</li>
 *   <li>a delete ({@code t-x-d-d}) may name only uids that are the sender's or nobody's, and
 *       binds nothing (its own uid is usually fresh, sometimes the target's);</li>
 *   <li>a chat's sender ({@code chatgrp uid0}) is claimed like an item, its uid must be
 *       {@code GeoChat.<sender>.…}, and chat uids themselves (one per message) are not bound;</li>
 *   <li>a producer link ({@code relation="p-p"}: who made this marker, shape or message) may
 *       name only the sender's own uids or unbound ones;</li>
 *   <li>{@code NODE:…} is a federation partner's namespace and {@code kizuna-web.…} the web
 *       accounts' (each account only its own uid): no client may publish there.</li>
 * </ul>
 * Refusals are {@link Refusal#UID_OWNED_ELSEWHERE}, {@link Refusal#UID_BINDINGS_FULL} and
 * {@link Refusal#CHAT_SENDER_MISMATCH}.
 */
final class Ownership {

    private static final String WEB_PREFIX = "kizuna-web.";
    private static final String CHAT_PREFIX = "GeoChat.";

    private final UidBindings bindings;
    private final List<String> partnerPrefixes;
    private final String nodeId;

    /** @param partnerNodes the configured partners, whose {@code NODE:} prefixes no local client may use */
    Ownership(UidBindings bindings, List<String> partnerNodes, String nodeId) {
        this.bindings = bindings;
        this.partnerPrefixes = partnerNodes.stream().map(n -> n + ":").toList();
        this.nodeId = nodeId;
    }

    /** The owner name of what {@code identity} publishes. */
    static String ownerOf(ClientIdentity identity) {
        return identity.authenticated() ? identity.name() : "anonymous";
    }

    /** Null when {@code sender} may publish {@code event}, else the refusal. */
    Refusal check(CotEvent event, ClientIdentity sender) {
        String owner = ownerOf(sender);
        CotType type = event.type();
        if (type.isA(CotType.DELETE)) {
            return mayTouch(event.uid(), sender, owner) && linksMayBeTouched(event.detail().links(), sender, owner, false)
                    ? null : Refusal.UID_OWNED_ELSEWHERE;
        }
        if (!linksMayBeTouched(event.detail().links(), sender, owner, true)) {
            return Refusal.UID_OWNED_ELSEWHERE;
        }
        if (type.isGeoChat()) {
            return chat(event, sender, owner);
        }
        return claim(event.uid(), sender, owner);
    }

    /** A chat names its sender twice (uid prefix, {@code chatgrp uid0}); both must be the sender's own. */
    private Refusal chat(CotEvent event, ClientIdentity sender, String owner) {
        Optional<String> uid0 = Optional.ofNullable(event.detail().chat()).map(Chat::chatGroup)
                .flatMap(g -> g.uid0());
        if (uid0.isPresent()) {
            Refusal refusal = claim(uid0.get(), sender, owner);
            if (refusal != null) {
                return refusal;
            }
        }
        if (event.type().value().equals(CotType.GEOCHAT.value()) && event.uid().startsWith(CHAT_PREFIX)
                && (uid0.isEmpty() || !event.uid().startsWith(CHAT_PREFIX + uid0.get() + "."))) {
            return Refusal.CHAT_SENDER_MISMATCH;
        }
        return null;
    }

    private boolean linksMayBeTouched(List<Link> links, ClientIdentity sender, String owner, boolean producersOnly) {
        for (Link link : links) {
            if (producersOnly && !"p-p".equals(link.relation().orElse(""))) {
                continue;
            }
            Optional<String> uid = link.uid();
            if (uid.isPresent() && !mayTouch(uid.get(), sender, owner)) {
                return false;
            }
        }
        return true;
    }

    private Refusal claim(String uid, ClientIdentity sender, String owner) {
        if (!mayUseNamespace(uid, sender)) {
            return Refusal.UID_OWNED_ELSEWHERE;
        }
        return switch (bindings.claim(uid, owner)) {
            case OWN, BOUND -> null;
            case OWNED_ELSEWHERE -> Refusal.UID_OWNED_ELSEWHERE;
            case FULL -> Refusal.UID_BINDINGS_FULL;
        };
    }

    /** The sender's own uid, or one nobody owns (and outside the reserved namespaces). */
    private boolean mayTouch(String uid, ClientIdentity sender, String owner) {
        return mayUseNamespace(uid, sender) && bindings.ownerOf(uid).map(owner::equals).orElse(true);
    }

    private boolean mayUseNamespace(String uid, ClientIdentity sender) {
        for (String prefix : partnerPrefixes) {
            if (uid.startsWith(prefix)) {
                return false;
            }
        }
        if (uid.startsWith(WEB_PREFIX)) {
            Optional<String> account = sender.webAccount();
            return account.isPresent() && uid.equals(WEB_PREFIX + nodeId + "." + account.get());
        }
        return true;
    }
}
