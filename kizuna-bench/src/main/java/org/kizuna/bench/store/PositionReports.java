package org.kizuna.bench.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.SplittableRandom;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Point;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.store.StoredEvent;

/** ATAK-like position reports (about 600 bytes of XML each) spread over Japan. */
final class PositionReports {

    private static final String PLI = "<event version=\"2.0\" uid=\"ANDROID-0\" type=\"a-f-G-U-C\" how=\"m-g\""
            + " time=\"2026-11-26T09:00:00.000Z\" start=\"2026-11-26T09:00:00.000Z\" stale=\"2026-11-26T09:02:00.000Z\">"
            + "<point lat=\"35.68\" lon=\"139.76\" hae=\"41.2\" ce=\"4.9\" le=\"9999999.0\"/><detail>"
            + "<takv os=\"34\" version=\"5.3.0.7\" device=\"SAMSUNG SM-G781B\" platform=\"ATAK-CIV\"/>"
            + "<contact endpoint=\"*:-1:stcp\" callsign=\"KESTREL-21\"/><uid Droid=\"KESTREL-21\"/>"
            + "<precisionlocation altsrc=\"GPS\" geopointsrc=\"GPS\"/><__group role=\"Team Member\" name=\"Cyan\"/>"
            + "<status battery=\"88\"/><track course=\"271.5\" speed=\"1.2\"/></detail></event>";

    private PositionReports() {
    }

    /** {@code count} stored events of {@code units} units, received one per {@code stepMicros} from {@code start}. */
    static StoredEvent[] make(int count, int units, Instant start, long stepMicros, long seed) {
        CotEvent template;
        try {
            template = new CotXmlReader(CotLimits.DEFAULTS).read(PLI.getBytes(StandardCharsets.UTF_8));
        } catch (CotDecodeException e) {
            throw new IllegalStateException(e);
        }
        SplittableRandom random = new SplittableRandom(seed);
        StoredEvent[] out = new StoredEvent[count];
        for (int i = 0; i < count; i++) {
            Instant at = start.plusNanos(i * stepMicros * 1000);
            CotEvent e = template.toBuilder().uid("ANDROID-" + (i % units)).times(at, at.plusSeconds(120))
                    .point(new Point(30 + random.nextDouble() * 10, 130 + random.nextDouble() * 15, 41, 4.9, 9_999_999))
                    .build();
            out[i] = StoredEvent.of(e, "KESTREL-21", Set.of("Blue"), false, at);
        }
        return out;
    }
}
