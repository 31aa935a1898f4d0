package org.kizuna.server.channels;

import java.util.Objects;
import org.kizuna.core.identity.Group;

/**
 * One entry of a client's channel choice: a group, the direction it is about (IN, OUT, or both
 * when {@code direction} is null), and whether it is to be active.
 */
public record Selection(Group group, Direction direction, boolean active) {

    /** TAK's group directions: IN = may write into, OUT = may read from. */
    public enum Direction { IN, OUT }

    public Selection {
        Objects.requireNonNull(group, "group");
    }

    boolean covers(boolean inDirection) {
        return direction == null || (direction == Direction.IN) == inDirection;
    }
}
