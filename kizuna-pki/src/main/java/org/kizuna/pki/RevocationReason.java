package org.kizuna.pki;

import java.util.Locale;

/**
 * Why a certificate was revoked: the RFC 5280 reason codes an administrator of a node has a use
 * for. A closed set on purpose: the code goes into the CRL, and relying parties read it.
 */
public enum RevocationReason {
    UNSPECIFIED(0),
    /** The private key may be in other hands: a lost or stolen device. */
    KEY_COMPROMISE(1),
    /** The holder left the unit or the coalition. */
    AFFILIATION_CHANGED(3),
    /** A new certificate replaces this one. */
    SUPERSEDED(4),
    /** The holder or device is no longer in service. */
    CESSATION_OF_OPERATION(5);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason code (RFC 5280, 5.3.1). */
    public int code() {
        return code;
    }

    /** The name on the command line and in listings: {@code key-compromise}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The reason named {@code label} ({@code key-compromise}, case and '_' or '-' as you like). */
    public static RevocationReason of(String label) {
        String wanted = label.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (RevocationReason r : values()) {
            if (r.name().equals(wanted)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown revocation reason '" + label + "': use " + labels());
    }

    /** The reason with CRLReason {@code code}; codes this node does not issue read as unspecified. */
    public static RevocationReason ofCode(int code) {
        for (RevocationReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return UNSPECIFIED;
    }

    public static String labels() {
        StringBuilder b = new StringBuilder();
        for (RevocationReason r : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(r.label());
        }
        return b.toString();
    }
}
