package org.kizuna.core.leaks;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Uid ownership attacks and markings the node must refuse: re-sending another client's uid (its
 * own report or an item) under another label, deleting another's item, chatting as another
 * (its uid0, or a chat uid naming it), publishing or deleting in a partner's {@code NODE:}
 * namespace, a marking with a restrictive tag declared informative or under another policy.
 * Whether each must be refused is the oracle's call (a uid nobody published yet is free to take).
 */
final class Attacks {

    private final World world;
    private final EventFactory events;
    private final SplittableRandom random;

    Attacks(World world, EventFactory events, SplittableRandom random) {
        this.world = world;
        this.events = events;
        this.random = random;
    }

    Publication next(Session s, List<Session> sessions) {
        World.Client me = s.client;
        List<World.Client> others = world.clients().stream().filter(c -> !c.name().equals(me.name())).toList();
        World.Client v = others.get(random.nextInt(others.size()));
        String victimItem = random.nextBoolean() ? v.selfUid() : Publications.ownItem(v, random);
        String partner = world.partners().get(random.nextInt(world.partners().size())).nodeId();
        return switch (random.nextInt(8)) {
            case 0, 1 -> events.item(victimItem, random.nextBoolean() ? v.selfType() : "a-f-G-U-C", me.callsign(),
                    random.nextBoolean(), "attack: take over " + v.name() + "'s uid");
            case 2 -> events.delete(victimItem, "attack: delete " + v.name() + "'s item");
            case 3 -> events.chat(v.selfUid(), v.selfUid(), v.callsign(), null, "attack: chat as " + v.name());
            case 4 -> events.chat(me.selfUid(), v.selfUid(), me.callsign(), null,
                    "attack: chat uid naming " + v.name());
            case 5 -> events.item(partner + ":F-" + random.nextInt(4), "a-f-G-U-C", me.callsign(), random.nextBoolean(),
                    "attack: publish in " + partner + "'s namespace");
            case 6 -> events.delete(partner + ":F-" + random.nextInt(4), "attack: delete in " + partner + "'s namespace");
            default -> events.badlyMarked(Publications.ordinary(world, events, random, s, sessions));
        };
    }
}
