package org.kizuna.app.release;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.LabelXmlReader;
import org.kizuna.policy.label.LabelXmlWriter;
import org.kizuna.policy.label.SecurityLabel;

/**
 * How labels travel in a federation envelope: each label alone as STANAG 4774 XML (UTF-8), the
 * originator's in its own field and each alternative by policy id.
 */
final class EnvelopeLabels {

    private EnvelopeLabels() {
    }

    static byte[] originator(LabelSet labels, Instant created) {
        return LabelXmlWriter.writeOne(labels.originator(), true, created).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, byte[]> alternatives(LabelSet labels, Instant created) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        labels.alternatives().forEach((policy, label) -> out.put(policy,
                LabelXmlWriter.writeOne(label, false, created).getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /**
     * The originator label a partner sent: exactly one {@code originatorConfidentialityLabel} and
     * nothing beside it (an alternative smuggled into this field would not be the originator's).
     */
    static SecurityLabel readOriginator(byte[] bytes) throws LabelFormatException {
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
    static LabelSet readSet(byte[] originator, Map<String, byte[]> alternatives) throws LabelFormatException {
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
