package org.kizuna.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.MartiDest;

class DestinationsTest {

    @Test
    void allChatRoomsIsBroadcast() {
        Destinations d = Destinations.of(Events.chat("A", "ALPHA", "All Chat Rooms", "hi"));
        assertThat(d.isPointToPoint()).isFalse();
    }

    @Test
    void directChatWithoutMartiGoesToTheChatGroupMembersOnly() {
        Destinations d = Destinations.of(Events.chat("A", "ALPHA", "B-UID", "hi"));
        assertThat(d.isPointToPoint()).isTrue();
        assertThat(d.uids()).containsExactly("B-UID");
    }

    @Test
    void directChatToAnEmptyGroupIsStillNeverBroadcast() {
        CotEvent chat = Events.chat("A", "ALPHA", "Team Room", "hi");
        chat = chat.withDetail(chat.detail().toBuilder()
                .chat(new org.kizuna.cot.detail.Chat(Attributes.of("chatroom", "Team Room"), null)).build());
        Destinations d = Destinations.of(chat);
        assertThat(d.isPointToPoint()).isTrue();
        assertThat(d.uids()).isEmpty();
    }

    @Test
    void martiDestinationsByKind() {
        CotEvent e = Events.withDest(Events.marker("M", java.time.Duration.ofMinutes(1)),
                Events.toCallsign("BRAVO"), new MartiDest(Attributes.of("uid", "U-9")),
                new MartiDest(Attributes.of("group", "Blue")), Events.toCallsign("All Streaming"));
        Destinations d = Destinations.of(e);
        assertThat(d.callsigns()).containsExactly("BRAVO");
        assertThat(d.uids()).containsExactly("U-9");
        assertThat(d.group()).isEqualTo("Blue");
        assertThat(d.unsupported()).isFalse();
    }

    @Test
    void missionDestinationIsUnsupportedAndAllStreamingMeansBroadcast() {
        CotEvent mission = Events.withDest(Events.marker("M", java.time.Duration.ofMinutes(1)),
                new MartiDest(Attributes.of("mission", "op-1")));
        assertThat(Destinations.of(mission).unsupported()).isTrue();
        CotEvent all = Events.withDest(Events.marker("M", java.time.Duration.ofMinutes(1)), Events.toCallsign("All Streaming"));
        assertThat(Destinations.of(all).isPointToPoint()).isFalse();
    }
}
