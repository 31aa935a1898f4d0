package org.kizuna.server.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.core.release.Clearances;
import org.kizuna.core.release.GuardedRelease;
import org.kizuna.core.release.LabelDefaults;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.Posture;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.session.Session;

/**
 * A disconnect notice goes exactly where the report it removes went: decided on that report
 * (its label, type and point), not on its own type, so rules that name position types release
 * the notice with the position and deny it with it.
 */
class DisconnectNoticeTest {

    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void theNoticeFollowsTheReportsReleaseUnderRulesThatNameTypes() throws Exception {
        Clearance japan = new Clearance("USA", "JPN", Set.of("UNCLASSIFIED"), Map.of("Releasable To", Set.of("JPN")));
        LabelSet releasable = LabelSet.of(SecurityLabel.of("USA", "UNCLASSIFIED",
                Category.of("Releasable To", CategoryType.PERMISSIVE, "USA", "JPN")));
        // PEACETIME releases only 'a' types to JPN (coarsened): a t-x-d-d decided on itself would be denied
        GuardedRelease release = new GuardedRelease(ReleaseFixtures.POLICY,
                ReleaseFixtures.guard(() -> ReleaseFixtures.posture(Posture.PEACETIME)), ReleaseFixtures.applier(),
                LabelDefaults.everywhere(releasable),
                new Clearances(Map.of("jpn-watch", japan), ReleaseFixtures.everything(), ReleaseFixtures.everything()));
        Subscribers registry = new Subscribers();
        ServerMetrics metrics = new ServerMetrics(new SimpleMeterRegistry());
        Router router = ReleaseFixtures.router(registry, release, metrics, T);
        Session sender = ReleaseRoutingProperties.session(registry, metrics, "sender", true);
        Session watch = ReleaseRoutingProperties.session(registry, metrics, "jpn-watch", true);

        router.route(sender, Events.pli("ANDROID-SENDER", "SENDER"));
        List<CotEvent> report = ReleaseRoutingProperties.drain(watch);
        assertThat(report).singleElement().satisfies(e -> assertThat(e.point().ce()).isGreaterThanOrEqualTo(1000));

        registry.remove(sender);
        router.disconnected(sender);
        List<CotEvent> notice = ReleaseRoutingProperties.drain(watch);
        assertThat(notice).singleElement().satisfies(e -> {
            assertThat(e.type().value()).isEqualTo("t-x-d-d");
            assertThat(e.detail().links()).anySatisfy(l -> assertThat(l.uid()).contains("ANDROID-SENDER"));
            assertThat(e.releasableTo()).isEqualTo("USA, JPN");
        });
        assertThat(metrics.count("kizuna.deliveries.dropped", "release-denied")).isZero();
    }
}
