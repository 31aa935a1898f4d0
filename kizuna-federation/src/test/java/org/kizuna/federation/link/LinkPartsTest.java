package org.kizuna.federation.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.detail.Link;

/** The small parts of a link: receive position, backoff, inbound rate, uid namespacing. */
class LinkPartsTest {

    @Test
    void receivedSequenceSkipsResendsAndStartsOverForANewPartnerLog() {
        ReceivedSequence r = new ReceivedSequence();
        r.useEpoch(7);
        assertThat(r.accept(1)).isTrue();
        assertThat(r.accept(5)).isTrue(); // gaps are coalesced positions
        assertThat(r.accept(5)).isFalse();
        assertThat(r.accept(3)).isFalse();
        r.useEpoch(7); // a reconnect to the same log keeps the position
        assertThat(r.last()).isEqualTo(5);
        r.useEpoch(8); // the partner restarted: a new log
        assertThat(r.accept(1)).isTrue();
    }

    @Test
    void backoffDoublesWithJitterUpToItsCeilingAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(42));
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (long ceiling : ceilings) {
            long d = b.next().toMillis();
            assertThat(d).isBetween(ceiling / 2, ceiling);
        }
        b.reset();
        assertThat(b.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void inboundRateAllowsTheBurstThenTheSustainedRate() {
        AtomicLong now = new AtomicLong();
        InboundRate rate = new InboundRate(1000, 3, now::get);
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isFalse();
        assertThat(rate.nanosUntilNext()).isEqualTo(1_000_000);
        now.addAndGet(1_000_000);
        assertThat(rate.tryTake()).isTrue();
        assertThat(rate.tryTake()).isFalse();
        now.addAndGet(10_000_000_000L); // a long quiet spell refills only up to the burst
        for (int i = 0; i < 3; i++) {
            assertThat(rate.tryTake()).isTrue();
        }
        assertThat(rate.tryTake()).isFalse();
    }

    @Test
    void foreignUidsAreNamespacedAndADeletesTargetToo() {
        CotEvent delete = CotEvent.builder("d-1", "t-x-d-d")
                .detail(Detail.builder().links(List.of(new Link(Attributes.of("uid", "M", "relation", "none")))).build())
                .build();
        CotEvent shown = ForeignUids.present(delete, "jpn-1");
        assertThat(shown.uid()).isEqualTo("jpn-1:d-1");
        assertThat(shown.detail().links().get(0).uid()).contains("jpn-1:M");
        CotEvent back = ForeignUids.unpresent(shown, "jpn-1", "d-1");
        assertThat(back.uid()).isEqualTo("d-1");
        assertThat(back.detail().links().get(0).uid()).contains("M");
        CotEvent marker = CotEvent.builder("M", "b-m-p-s-m")
                .detail(Detail.builder().links(List.of(new Link(Attributes.of("uid", "parent")))).build()).build();
        assertThat(ForeignUids.present(marker, "usa-1").detail().links().get(0).uid()).contains("parent");
    }
}
