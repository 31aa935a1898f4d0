package org.kizuna.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.LabelXmlReader;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.server.testing.Events;
import org.kizuna.store.StoredEvent;

/** The label the router wrote into an event is stored in the label columns with it. */
class StoredLabelTest {

    @Test
    void theRoutersLabelGoesIntoTheLabelColumns() throws Exception {
        EventLabels labels = new EventLabels(PolicyYaml.parse("""
                policy: JPN
                classifications: [{name: HI, rank: 2}]
                categories: [{tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}]
                """));
        LabelSet set = LabelSet.of(SecurityLabel.of("JPN", "HI", Category.of("Releasable To", CategoryType.PERMISSIVE, "JPN")));
        CotEvent event = labels.write(Events.marker("M-1", Duration.ofMinutes(5)), set);
        StoredEvent stored = StoreHistorySink.labelled(event, StoredEvent.of(event, "me", Set.of("Blue"), false, Instant.EPOCH));
        assertThat(stored.labelPolicy()).isEqualTo("JPN");
        assertThat(stored.labelClassification()).isEqualTo("HI");
        assertThat(LabelXmlReader.read("<l>" + stored.label() + "</l>")).isEqualTo(set);

        CotEvent unlabelled = Events.marker("M-2", Duration.ofMinutes(5));
        StoredEvent plain = StoreHistorySink.labelled(unlabelled, StoredEvent.of(unlabelled, "me", Set.of(), false, Instant.EPOCH));
        assertThat(plain.label()).isNull();
        assertThat(plain.labelPolicy()).isNull();
    }
}
