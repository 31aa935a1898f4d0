package org.kizuna.server.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kizuna.core.identity.Group;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;

class GroupChangeRequestTest {

    private static CotEvent change(String... fragments) {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        return CotEvent.builder("c-1", "t-x-g-c").how("h-g-i-g-o").times(now, now.plusSeconds(20))
                .point(Point.NOWHERE).detail(Detail.builder().unknown(List.of(fragments)).build()).build();
    }

    @Test
    void readsEntriesAtAnyDepthWithDirectionAndFlag() {
        List<Selection> s = GroupChangeRequest.selections(change(
                "<group name=\"Blue\" direction=\"in\" active=\"true\"/>",
                "<channels><group name=\"Red\" active=\"false\"/></channels>"));
        assertThat(s).containsExactly(new Selection(new Group("Blue"), Selection.Direction.IN, true),
                new Selection(new Group("Red"), null, false));
    }

    @Test
    void otherElementsAreNoChoice() {
        assertThat(GroupChangeRequest.selections(change("<link uid=\"x\" relation=\"p-p\"/>"))).isEmpty();
    }

    @Test
    void badEntriesAreRefused() {
        assertThatThrownBy(() -> GroupChangeRequest.selections(change("<group name=\"Blue\" direction=\"UP\"/>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direction");
        assertThatThrownBy(() -> GroupChangeRequest.selections(change("<group name=\"Blue\" active=\"yes\"/>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("active");
        assertThatThrownBy(() -> GroupChangeRequest.selections(change("<group direction=\"IN\"/>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }
}
