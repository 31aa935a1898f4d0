package org.kizuna.store.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class BindingLinesProperties {

    private static final Instant AT = Instant.parse("2026-11-26T09:00:00Z");

    @Property(tries = 2000)
    void everyRecordIsOneLineAndReadsBackAsWritten(@ForAll String uid, @ForAll String owner, @ForAll String by) {
        for (BindingRecord r : new BindingRecord[] {new BindingRecord.Bound(uid, owner, AT),
                new BindingRecord.Released(uid, owner, by, AT)}) {
            String line = BindingLines.line(r);
            assertThat(line).doesNotContain("\n").doesNotContain("\r");
            assertThat(BindingLines.parse(line)).isEqualTo(r);
        }
    }
}
