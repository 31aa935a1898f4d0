package org.kizuna.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.app.config.HistoryConfig;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.Origin;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.LabelXmlReader;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.ReleasePolicy;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;
import org.kizuna.store.StoredEvent;

/** The label the router routed an event with is stored in the label columns with it, from its key. */
class StoredLabelTest {

    private static final TakProtoCodec CODEC = new TakProtoCodec(CotLimits.DEFAULTS);

    @Test
    void theRoutersLabelGoesIntoTheLabelColumns() throws Exception {
        SecurityPolicy policy = PolicyYaml.parse("""
                policy: JPN
                classifications: [{name: HI, rank: 2}]
                categories: [{tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}]
                """);
        ReleaseGuard guard = new ReleaseGuard(new AccessControl(Map.of("JPN", policy)), policy,
                new ReleasePolicy(Map.of()), () -> new PostureState(new Posture("PEACETIME"), 1, Instant.EPOCH,
                java.util.Optional.empty(), "a", "b"));
        LabelSet set = LabelSet.of(SecurityLabel.of("JPN", "HI", Category.of("Releasable To", CategoryType.PERMISSIVE, "JPN")));
        CotEvent event = new EventLabels(policy).write(Events.marker("M-1", Duration.ofMinutes(5)), set);
        Origin origin = Origin.local(ClientIdentity.certificate("me", "00"), Set.of(new Group("Blue")), false);
        StoreHistorySink sink = new StoreHistorySink(null, HistoryConfig.defaults(Path.of("unused")), Clock.systemUTC());

        StoredEvent stored = sink.stored(new RoutedEvent(event, null, CODEC, guard.key(set), null, origin), Instant.EPOCH);
        assertThat(stored.labelPolicy()).isEqualTo("JPN");
        assertThat(stored.labelClassification()).isEqualTo("HI");
        assertThat(LabelXmlReader.read("<l>" + stored.label() + "</l>")).isEqualTo(set);
        assertThat(stored.sender()).isEqualTo("me");
        assertThat(stored.groups()).containsExactly("Blue");

        CotEvent unlabelled = Events.marker("M-2", Duration.ofMinutes(5));
        StoredEvent plain = sink.stored(new RoutedEvent(unlabelled, null, CODEC, null, null, origin), Instant.EPOCH);
        assertThat(plain.label()).isNull();
        assertThat(plain.labelPolicy()).isNull();
    }
}
