package org.kizuna.policy.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostureControlTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-26T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final PostureControl control = new PostureControl(PostureState.initial(Posture.PEACETIME, clock.now),
            Posture.PEACETIME, Duration.ofHours(1), clock);

    /** Spaces, case and full-width letters do not make another admin; names are kept normalised. */
    @Test
    void oneAdminWrittenTwoWaysIsStillOneAdmin() {
        PostureEvent asked = control.request(Posture.HADR, "  Reviewer ", Optional.empty());
        assertThat(asked.by()).isEqualTo("reviewer");
        assertThat(control.pending().orElseThrow().requestedBy()).isEqualTo("reviewer");
        for (String same : new String[] {"reviewer", "Reviewer ", "REVIEWER", "\uFF52eviewer", "reviewer\t"}) {
            assertThatThrownBy(() -> control.approve(same)).as(same).hasMessageContaining("cannot approve their own");
        }
        PostureEvent approved = control.approve(" Second  Admin ");
        assertThat(approved.by()).isEqualTo("second admin");
        assertThat(control.current().requestedBy()).isEqualTo("reviewer");
        assertThat(control.current().approvedBy()).isEqualTo("second admin");
        assertThatThrownBy(() -> PostureControl.admin(" \u3000 ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A request saved before names were normalised is compared normalised too. */
    @Test
    void aSavedUnnormalisedRequesterCannotApproveEither() {
        PostureControl saved = new PostureControl(PostureState.initial(Posture.PEACETIME, clock.now),
                Optional.of(new PostureChange(Posture.HADR, "Reviewer ", clock.now, Optional.empty(),
                        clock.now.plusSeconds(60))), Posture.PEACETIME, Duration.ofHours(1), clock);
        assertThatThrownBy(() -> saved.approve("reviewer")).hasMessageContaining("cannot approve their own");
    }

    @Test
    void aChangeNeedsTwoDifferentAdmins() {
        control.request(Posture.CONTINGENCY, "alice", Optional.empty());
        assertThat(control.current().posture()).isEqualTo(Posture.PEACETIME);
        assertThatThrownBy(() -> control.approve("alice")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot approve their own");
        PostureEvent approved = control.approve("bob");
        assertThat(approved.kind()).isEqualTo(PostureEvent.Kind.APPROVED);
        assertThat(control.current()).satisfies(s -> {
            assertThat(s.posture()).isEqualTo(Posture.CONTINGENCY);
            assertThat(s.version()).isEqualTo(2);
            assertThat(s.requestedBy()).isEqualTo("alice");
            assertThat(s.approvedBy()).isEqualTo("bob");
        });
        assertThatThrownBy(() -> control.approve("carol")).hasMessageContaining("no posture change");
    }

    @Test
    void aTimeLimitedPostureRevertsWhenItExpires() {
        control.request(Posture.HADR, "alice", Optional.of(Duration.ofHours(6)));
        control.approve("bob");
        clock.now = clock.now.plus(Duration.ofHours(6)).minusSeconds(1);
        assertThat(control.tick()).isEmpty();
        clock.now = clock.now.plusSeconds(1);
        assertThat(control.tick()).extracting(PostureEvent::kind).containsExactly(PostureEvent.Kind.EXPIRED);
        assertThat(control.current().posture()).isEqualTo(Posture.PEACETIME);
        assertThat(control.current().version()).isEqualTo(3);
    }

    @Test
    void anUnapprovedRequestLapses() {
        control.request(Posture.GRAY_ZONE, "alice", Optional.empty());
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThatThrownBy(() -> control.approve("bob")).isInstanceOf(IllegalStateException.class);
        control.request(Posture.GRAY_ZONE, "alice", Optional.empty());
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(control.tick()).extracting(PostureEvent::kind).containsExactly(PostureEvent.Kind.LAPSED);
        assertThat(control.pending()).isEmpty();
        assertThat(control.current().version()).isEqualTo(1);
    }

    @Test
    void cancelAndNamesAreChecked() {
        assertThatThrownBy(() -> control.request(Posture.HADR, " ", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posture("peace time")).isInstanceOf(IllegalArgumentException.class);
        control.request(Posture.HADR, "alice", Optional.empty());
        assertThat(control.cancel("bob").kind()).isEqualTo(PostureEvent.Kind.CANCELLED);
        assertThat(control.pending()).isEmpty();
        assertThat(new Posture("EXERCISE_KEEN_EDGE").name()).isEqualTo("EXERCISE_KEEN_EDGE");
    }
}
