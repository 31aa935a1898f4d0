package org.kizuna.server.release;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.release.GuardedRelease;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Point;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.session.Session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A posture change can release most of the picture to a client at once. That burst must not count
 * against the outbound queue that protects the node from slow consumers: before, a loosening that
 * released more positions than the queue holds dropped the rest, and more markers than it holds
 * would have disconnected the client. The sessions sit on embedded channels, so nothing drains
 * while the router re-evaluates: the queue holds the whole burst, deterministically.
 */
class PostureBurstTest {

    private static final Instant T = Instant.parse("2026-11-27T09:00:00Z");
    private static final int QUEUE = 16;

    @Test
    void aLooseningThatReleasesMoreThanTheQueueHoldsDeliversAllOfIt() throws Exception {
        AtomicReference<PostureState> state = new AtomicReference<>(ReleaseFixtures.posture(Posture.HADR));
        ReleaseGuard guard = ReleaseFixtures.guard(state::get);
        Subscribers registry = new Subscribers();
        ServerMetrics metrics = new ServerMetrics(new SimpleMeterRegistry());
        Router router = ReleaseFixtures.router(registry, ReleaseFixtures.clearedForEverything(guard), metrics, T);
        Session sender = ReleaseRoutingProperties.session(registry, metrics, "sender", true);
        Session watch = new Session(registry.nextId(), org.kizuna.core.identity.Recipient.unlabelled(
                ClientIdentity.certificate("watch", "01"), GroupMembership.both(Set.of(new Group("Blue")))),
                new EmbeddedChannel(), QUEUE, Duration.ofSeconds(30), metrics);
        registry.add(watch);

        int units = 4 * QUEUE;
        for (int i = 0; i < units; i++) {
            router.route(sender, CotEvent.builder("UNIT-" + i, "a-f-G-U-C").times(T, T.plus(Duration.ofHours(1)))
                    .point(new Point(35.6, 139.7, 10, 5, 5)).build());
        }
        assertThat(ReleaseRoutingProperties.drain(watch)).as("HADR has no rule: nothing is released").isEmpty();

        PostureState hadr = state.get();
        state.set(new PostureState(Posture.PEACETIME, hadr.version() + 1, T, Optional.empty(), "a", "b"));
        router.reevaluate(hadr);

        Set<String> got = ReleaseRoutingProperties.drain(watch).stream().map(CotEvent::uid).collect(Collectors.toSet());
        assertThat(got).hasSize(units);
        assertThat(metrics.count("kizuna.deliveries.dropped", "queue-full")).isZero();
        assertThat(watch.channel().isActive()).isTrue();

        // the room was for the burst only: the queue is back to its size for live traffic
        for (int i = 0; i < QUEUE + 1; i++) {
            router.route(sender, CotEvent.builder("LIVE-" + i, "b-m-p-s-m").times(T, T.plus(Duration.ofHours(1)))
                    .point(new Point(35.6, 139.7, 10, 5, 5)).build());
        }
        assertThat(watch.channel().isActive()).as("a live backlog beyond the queue is still a slow consumer").isFalse();
    }
}
