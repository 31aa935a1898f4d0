package org.kizuna.core.federation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.LabelXmlReader;
import org.kizuna.policy.label.LabelXmlWriter;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.release.LabelKey;

/**
 * How labels travel in a federation envelope: each label alone as STANAG 4774 XML (UTF-8), the
 * originator's in its own field and each alternative by policy id. The XML of each interned label
 * is made once, around its creation time (the event's), and only the time is filled in per event.
 */
public final class EnvelopeLabels {

    /** Marks where the creation time goes; never valid XML text. */
    private static final String TIME_SLOT = "\u0000time\u0000";
    /** Bounded like the guard's interned labels: a flood of invented labels must not grow memory. */
    private static final int MAX_FORMS = 10_000;

    /** One label's XML before and after its creation time. */
    private record Form(byte[] before, byte[] after) {

        static Form of(SecurityLabel label, boolean originator) {
            String[] parts = LabelXmlWriter.writeOne(label, originator, TIME_SLOT).split(TIME_SLOT, -1);
            return new Form(parts[0].getBytes(StandardCharsets.UTF_8), parts[1].getBytes(StandardCharsets.UTF_8));
        }

        byte[] at(Instant created) {
            byte[] time = created.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[before.length + time.length + after.length];
            System.arraycopy(before, 0, out, 0, before.length);
            System.arraycopy(time, 0, out, before.length, time.length);
            System.arraycopy(after, 0, out, before.length + time.length, after.length);
            return out;
        }
    }

    private record Forms(Form originator, Map<String, Form> alternatives) {
    }

    private final Map<LabelKey, Forms> forms = new ConcurrentHashMap<>();

    byte[] originator(LabelKey key, Instant created) {
        return forms(key).originator().at(created);
    }

    Map<String, byte[]> alternatives(LabelKey key, Instant created) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        forms(key).alternatives().forEach((policy, form) -> out.put(policy, form.at(created)));
        return out;
    }

    private Forms forms(LabelKey key) {
        Forms f = forms.get(key);
        if (f == null) {
            if (forms.size() >= MAX_FORMS) {
                forms.clear();
            }
            Map<String, Form> alternatives = new LinkedHashMap<>();
            key.labels().alternatives().forEach((policy, label) -> alternatives.put(policy, Form.of(label, false)));
            f = new Forms(Form.of(key.labels().originator(), true), alternatives);
            forms.put(key, f);
        }
        return f;
    }

    /**
     * The originator label a partner sent: exactly one {@code originatorConfidentialityLabel} and
     * nothing beside it (an alternative smuggled into this field would not be the originator's).
     */
    public static SecurityLabel readOriginator(byte[] bytes) throws LabelFormatException {
        if (bytes.length == 0) {
            throw new LabelFormatException("no originator label");
        }
        if (bytes.length > LabelXmlReader.MAX_CHARS) {
            throw new LabelFormatException("label longer than " + LabelXmlReader.MAX_CHARS + " bytes");
        }
        LabelSet set = LabelXmlReader.read("<l>" + new String(bytes, StandardCharsets.UTF_8) + "</l>");
        if (!set.alternatives().isEmpty()) {
            throw new LabelFormatException("alternative labels in the originator label's field");
        }
        return set.originator();
    }

    /**
     * The whole set a frame of ours carried (one restored from the link journal): the originator
     * field read as {@link #readOriginator} reads a partner's, then every label together, each
     * alternative under the policy its field names.
     */
    public static LabelSet readSet(byte[] originator, Map<String, byte[]> alternatives) throws LabelFormatException {
        SecurityLabel own = readOriginator(originator);
        StringBuilder xml = new StringBuilder("<l>").append(new String(originator, StandardCharsets.UTF_8));
        alternatives.values().forEach(label -> xml.append(new String(label, StandardCharsets.UTF_8)));
        LabelSet set = LabelXmlReader.read(xml.append("</l>").toString());
        if (!set.originator().equals(own) || !set.alternatives().keySet().equals(alternatives.keySet())) {
            throw new LabelFormatException("alternative labels do not match the policies they travel under");
        }
        return set;
    }
}
