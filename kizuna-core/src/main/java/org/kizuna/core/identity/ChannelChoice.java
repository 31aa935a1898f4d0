package org.kizuna.core.identity;

import java.util.HashSet;
import java.util.Set;

/**
 * Which of its groups a client has switched off (TAK's "channels"): the groups it neither writes
 * into ({@code offIn}) nor reads from ({@code offOut}) for now.
 *
 * <p>What is off is kept, not what is on, so a group granted later starts active, and applying a
 * choice can only ever narrow a membership: a group the client is not a member of can never
 * come back from here.
 */
public record ChannelChoice(Set<Group> offIn, Set<Group> offOut) {

    public static final ChannelChoice ALL_ACTIVE = new ChannelChoice(Set.of(), Set.of());

    public ChannelChoice {
        offIn = Set.copyOf(offIn);
        offOut = Set.copyOf(offOut);
    }

    /** {@code full} without the groups switched off, in each direction. */
    public GroupMembership applyTo(GroupMembership full) {
        if (offIn.isEmpty() && offOut.isEmpty()) {
            return full;
        }
        Set<Group> in = new HashSet<>(full.in());
        in.removeAll(offIn);
        Set<Group> out = new HashSet<>(full.out());
        out.removeAll(offOut);
        return new GroupMembership(in, out);
    }

    public boolean isActive(Group group, boolean inDirection) {
        return !(inDirection ? offIn : offOut).contains(group);
    }
}
