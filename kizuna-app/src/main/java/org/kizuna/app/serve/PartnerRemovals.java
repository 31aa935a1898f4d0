package org.kizuna.app.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.kizuna.app.config.RemovedPartners;
import org.kizuna.federation.Federation;
import org.kizuna.store.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code kizuna federate remove} to the running node: reads the removal list when polled
 * and removes from federation each listed partner it still has (the link closes, the certificate
 * is refused), with an audit record of the node's. Polled twice a second by the node's watch thread.
 */
final class PartnerRemovals {

    private static final Logger log = LoggerFactory.getLogger(PartnerRemovals.class);

    private final Path dataDir;
    private final Federation federation;
    private final AuditLog audit;
    private String lastError;

    PartnerRemovals(Path dataDir, Federation federation, AuditLog audit) {
        this.dataDir = dataDir;
        this.federation = federation;
        this.audit = audit;
    }

    /** Never throws: a periodic task that throws is never run again. */
    void poll() {
        try {
            Map<String, RemovedPartners.Removal> removals = RemovedPartners.read(dataDir);
            lastError = null;
            for (RemovedPartners.Removal r : removals.values()) {
                if (federation.partners().stream().anyMatch(p -> p.nodeId().equals(r.nodeId()))
                        && federation.removePartner(r.nodeId(), "partner removed " + r.removedAt() + " by " + r.by())) {
                    record(r);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                lastError = String.valueOf(e.getMessage());
                log.error("cannot apply the partner removal list {}: {}", RemovedPartners.file(dataDir), lastError);
            }
        }
    }

    private void record(RemovedPartners.Removal r) {
        try {
            audit.append("partner-link-closed", "node", "partner " + r.nodeId() + " removed by " + r.by()
                    + ": link closed, certificate refused");
        } catch (RuntimeException e) {
            // the link is closed already (the safe direction); the admin's own record names the removal
            log.error("the link to removed partner {} is closed, but the audit record could not be written", r.nodeId(), e);
        }
    }
}
