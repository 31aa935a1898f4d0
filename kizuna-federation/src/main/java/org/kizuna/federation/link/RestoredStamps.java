package org.kizuna.federation.link;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HashMap;
import java.util.Map;
import org.kizuna.core.federation.ReleaseStamp;
import org.kizuna.cot.CotType;
import org.kizuna.cot.proto.wire.TakProtocol.TakMessage;
import org.kizuna.federation.wire.FederationProtocol.AlternativeLabel;
import org.kizuna.federation.wire.FederationProtocol.EventEnvelope;

/**
 * Rebuilds the release stamp of an event frame restored from the journal: the guard's key was in
 * the previous run's memory, so the stamp is made from the frame itself, the labels as the
 * envelope carries them and the type and point of its TAK message (as sent: after shaping), with
 * the shaping the journal kept beside it. Only the protobuf is read here; the guard reads the
 * labels. A frame that cannot be read this far gets no stamp and is withdrawn when due.
 */
final class RestoredStamps {

    private RestoredStamps() {
    }

    /** The stamp of a restored frame; {@code null} for a frame that needs none or cannot have one. */
    static ReleaseStamp of(LinkStore.Stored stored) {
        if (!stored.frame().hasEvent()) {
            return null; // a retraction is released by whoever asked for it
        }
        EventEnvelope envelope = stored.frame().getEvent();
        Map<String, byte[]> alternatives = new HashMap<>();
        for (AlternativeLabel a : envelope.getAlternativeLabelsList()) {
            if (alternatives.put(a.getPolicyId(), a.getLabel().toByteArray()) != null) {
                return null; // two labels for one policy: not a frame this node wrote
            }
        }
        try {
            TakMessage message = TakMessage.parseFrom(envelope.getTakMessage());
            if (!message.hasCotEvent()) {
                return null;
            }
            var event = message.getCotEvent();
            return ReleaseStamp.restored(new ReleaseStamp.Travelled(envelope.getOriginatorLabel().toByteArray(),
                    alternatives), CotType.of(event.getType()), event.getLat(), event.getLon(), stored.shaping());
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return null;
        }
    }
}
