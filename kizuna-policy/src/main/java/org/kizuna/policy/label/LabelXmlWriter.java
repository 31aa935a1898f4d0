package org.kizuna.policy.label;

import java.time.Instant;
import java.util.Map;

/**
 * Writes a label set as STANAG 4774 XML: one {@code originatorConfidentialityLabel} and one
 * {@code alternativeConfidentialityLabel} per partner policy, in the 4774 namespace.
 */
public final class LabelXmlWriter {

    public static final String NAMESPACE = "urn:nato:stanag:4774:confidentialitymetadatalabel:1:0";

    private LabelXmlWriter() {
    }

    /** The labels as consecutive 4774 elements, created at {@code created} (the event's time). */
    public static String write(LabelSet labels, Instant created) {
        return write(labels, created.toString());
    }

    /** As {@link #write(LabelSet, Instant)} with the creation time already formatted (or a placeholder). */
    public static String write(LabelSet labels, String created) {
        StringBuilder out = new StringBuilder(256);
        label(out, "originatorConfidentialityLabel", labels.originator(), created);
        for (Map.Entry<String, SecurityLabel> alt : labels.alternatives().entrySet()) {
            label(out, "alternativeConfidentialityLabel", alt.getValue(), created);
        }
        return out.toString();
    }

    /**
     * One label alone, as an {@code originatorConfidentialityLabel} or an
     * {@code alternativeConfidentialityLabel} root: how a label travels in a federation envelope,
     * where the originator and each alternative have their own field.
     */
    public static String writeOne(SecurityLabel label, boolean originator, Instant created) {
        return writeOne(label, originator, created.toString());
    }

    /** As {@link #writeOne(SecurityLabel, boolean, Instant)} with the creation time already formatted (or a placeholder). */
    public static String writeOne(SecurityLabel label, boolean originator, String created) {
        StringBuilder out = new StringBuilder(256);
        label(out, originator ? "originatorConfidentialityLabel" : "alternativeConfidentialityLabel", label, created);
        return out.toString();
    }

    private static void label(StringBuilder out, String root, SecurityLabel label, String created) {
        out.append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\"><ConfidentialityInformation>");
        element(out, "PolicyIdentifier", label.policyId());
        element(out, "Classification", label.classification());
        if (!label.privacyMark().isEmpty()) {
            element(out, "PrivacyMark", label.privacyMark());
        }
        for (Category c : label.categories()) {
            out.append("<Category TagName=\"");
            escape(out, c.tagName());
            out.append("\" Type=\"").append(c.type().name()).append("\">");
            for (String v : c.values()) {
                element(out, "GenericValue", v);
            }
            out.append("</Category>");
        }
        out.append("</ConfidentialityInformation>");
        element(out, "CreationDateTime", created);
        out.append("</").append(root).append('>');
    }

    private static void element(StringBuilder out, String name, String text) {
        out.append('<').append(name).append('>');
        escape(out, text);
        out.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }
}
