package org.kizuna.server.routing;

import org.kizuna.cot.CotEvent;
import org.kizuna.server.session.Session;

/**
 * The seam for the release guard: may {@code recipient} receive {@code event}? Called for every
 * candidate recipient after group reachability. Labels, clearances and postures plug in here; in
 * the streaming core everything group-reachable is released.
 */
@FunctionalInterface
public interface ReleaseDecision {

    ReleaseDecision PERMIT_ALL = (event, recipient) -> true;

    boolean permits(CotEvent event, Session recipient);
}
