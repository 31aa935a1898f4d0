package org.kizuna.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.core.identity.Group;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;

class LatestStateTest {

    private final TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);

    private LatestState.Entry entry(String uid, Instant stale) {
        return new LatestState.Entry(new RoutedEvent(Events.pli(uid, uid), uid, codec), Set.of(Group.ANONYMOUS), 1, stale);
    }

    @Test
    void aFullPictureRefusesNewItemsButUpdatesKnownOnes() {
        LatestState picture = new LatestState(2);
        Instant later = Instant.now().plusSeconds(60);
        assertThat(picture.put("A", entry("A", later))).isTrue();
        assertThat(picture.put("B", entry("B", later))).isTrue();
        assertThat(picture.put("C", entry("C", later))).isFalse();
        assertThat(picture.put("A", entry("A", later.plusSeconds(1)))).isTrue();
        assertThat(picture.size()).isEqualTo(2);
        assertThat(picture.get("C")).isNull();
    }

    @Test
    void expiredItemsLeaveAtTheirStaleTime() {
        LatestState picture = new LatestState(10);
        Instant now = Instant.parse("2026-11-26T06:00:00Z");
        picture.put("SOON", entry("SOON", now.plusSeconds(5)));
        picture.put("LATER", entry("LATER", now.plusSeconds(60)));
        assertThat(picture.snapshot(now)).hasSize(2);
        assertThat(picture.snapshot(now.plusSeconds(5))).hasSize(1);
        assertThat(picture.expire(now.plusSeconds(5))).isEqualTo(1);
        assertThat(picture.get("SOON")).isNull();
        assertThat(picture.get("LATER")).isNotNull();
    }
}
