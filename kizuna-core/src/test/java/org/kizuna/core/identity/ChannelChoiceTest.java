package org.kizuna.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelChoiceTest {

    private static final Group BLUE = new Group("blue");
    private static final Group RED = new Group("red");
    private static final Group GREEN = new Group("green");

    @Test
    void switchedOffGroupsLeaveEachDirectionSeparately() {
        GroupMembership full = GroupMembership.both(Set.of(BLUE, RED));
        GroupMembership narrowed = new ChannelChoice(Set.of(RED), Set.of(BLUE)).applyTo(full);
        assertEquals(Set.of(BLUE), narrowed.in());
        assertEquals(Set.of(RED), narrowed.out());
    }

    @Test
    void aChoiceNeverAddsAGroup() {
        GroupMembership full = GroupMembership.both(Set.of(BLUE));
        GroupMembership narrowed = new ChannelChoice(Set.of(GREEN), Set.of()).applyTo(full);
        assertEquals(Set.of(BLUE), narrowed.in());
        assertEquals(Set.of(BLUE), narrowed.out());
    }

    @Test
    void allActiveIsTheMembershipItself() {
        GroupMembership full = GroupMembership.both(Set.of(BLUE));
        assertSame(full, ChannelChoice.ALL_ACTIVE.applyTo(full));
        assertTrue(ChannelChoice.ALL_ACTIVE.isActive(BLUE, true));
        assertFalse(new ChannelChoice(Set.of(), Set.of(BLUE)).isActive(BLUE, false));
    }
}
