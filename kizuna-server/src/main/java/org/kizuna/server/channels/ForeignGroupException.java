package org.kizuna.server.channels;

/** A client tried to activate a group it is not a member of (in that direction); nothing changed. */
public final class ForeignGroupException extends Exception {

    private final String group;

    public ForeignGroupException(String group) {
        super("not a member of group '" + group + "'");
        this.group = group;
    }

    public String group() {
        return group;
    }
}
