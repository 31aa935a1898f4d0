package org.kizuna.core.identity;

import java.util.Collection;
import java.util.Set;

/**
 * The groups a client writes into ({@code in}) and reads from ({@code out}).
 *
 * <p>Reachability (TAK semantics): a message carries its sender's IN groups; a receiver gets it
 * when it is in the OUT direction of at least one of those groups.
 */
public record GroupMembership(Set<Group> in, Set<Group> out) {

    public static final GroupMembership ANONYMOUS = both(Set.of(Group.ANONYMOUS));

    public GroupMembership {
        in = Set.copyOf(in);
        out = Set.copyOf(out);
    }

    /** Membership in both directions of every group. */
    public static GroupMembership both(Collection<Group> groups) {
        return new GroupMembership(Set.copyOf(groups), Set.copyOf(groups));
    }

    /** True when a message written into {@code senderIn} may be read by this member. */
    public boolean canRead(Set<Group> senderIn) {
        // Iterate the smaller set; both are usually one or two groups.
        if (senderIn.size() <= out.size()) {
            for (Group g : senderIn) {
                if (out.contains(g)) {
                    return true;
                }
            }
            return false;
        }
        for (Group g : out) {
            if (senderIn.contains(g)) {
                return true;
            }
        }
        return false;
    }
}
