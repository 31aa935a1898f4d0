package org.kizuna.cot;

import java.util.List;
import java.util.Optional;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.DroidUid;
import org.kizuna.cot.detail.FlowTags;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Marti;
import org.kizuna.cot.detail.PrecisionLocation;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.detail.Status;
import org.kizuna.cot.detail.Takv;
import org.kizuna.cot.detail.TeamGroup;
import org.kizuna.cot.detail.Track;

/**
 * The {@code <detail>} of an event: the well-known elements as typed values, and everything else
 * kept verbatim.
 *
 * <p>Typed components are {@code null} when the element is absent; use the {@code Optional}
 * accessors ({@link #contactOpt()}, ...) outside codecs. {@code unknown} holds each other child
 * element as its exact XML text, in document order, and is re-emitted unchanged. A well-known
 * element whose content the model cannot hold (unexpected children, a second copy) is also kept
 * there, so nothing a client sends is lost.
 */
public record Detail(
        Contact contact,
        TeamGroup group,
        Takv takv,
        Track track,
        Status status,
        PrecisionLocation precisionLocation,
        DroidUid droid,
        Remarks remarks,
        List<Link> links,
        Chat chat,
        Marti marti,
        FlowTags flowTags,
        List<String> unknown) {

    public static final Detail EMPTY = builder().build();

    public Detail {
        links = List.copyOf(links);
        unknown = List.copyOf(unknown);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public Optional<Contact> contactOpt() {
        return Optional.ofNullable(contact);
    }

    public Optional<Chat> chatOpt() {
        return Optional.ofNullable(chat);
    }

    public Optional<Marti> martiOpt() {
        return Optional.ofNullable(marti);
    }

    public Optional<Remarks> remarksOpt() {
        return Optional.ofNullable(remarks);
    }

    public Optional<Track> trackOpt() {
        return Optional.ofNullable(track);
    }

    public Optional<FlowTags> flowTagsOpt() {
        return Optional.ofNullable(flowTags);
    }

    /** The sender's callsign from {@code <contact callsign>}, if any. */
    public Optional<String> callsign() {
        return contactOpt().flatMap(Contact::callsign);
    }

    /** This detail without its {@code <marti>} routing element, as delivered to clients. */
    public Detail withoutMarti() {
        return marti == null ? this : toBuilder().marti(null).build();
    }

    /** This detail with the flow tag of {@code serverId} set to {@code time}. */
    public Detail withFlowTag(String serverId, String time) {
        FlowTags tags = flowTags == null ? new FlowTags(Attributes.empty()) : flowTags;
        return toBuilder().flowTags(tags.with(serverId, time)).build();
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /** Builds a {@link Detail}; every element starts absent. */
    public static final class Builder {
        private Contact contact;
        private TeamGroup group;
        private Takv takv;
        private Track track;
        private Status status;
        private PrecisionLocation precisionLocation;
        private DroidUid droid;
        private Remarks remarks;
        private List<Link> links = List.of();
        private Chat chat;
        private Marti marti;
        private FlowTags flowTags;
        private List<String> unknown = List.of();

        private Builder() {
        }

        private Builder(Detail d) {
            contact = d.contact;
            group = d.group;
            takv = d.takv;
            track = d.track;
            status = d.status;
            precisionLocation = d.precisionLocation;
            droid = d.droid;
            remarks = d.remarks;
            links = d.links;
            chat = d.chat;
            marti = d.marti;
            flowTags = d.flowTags;
            unknown = d.unknown;
        }

        public Builder contact(Contact v) {
            contact = v;
            return this;
        }

        public Builder group(TeamGroup v) {
            group = v;
            return this;
        }

        public Builder takv(Takv v) {
            takv = v;
            return this;
        }

        public Builder track(Track v) {
            track = v;
            return this;
        }

        public Builder status(Status v) {
            status = v;
            return this;
        }

        public Builder precisionLocation(PrecisionLocation v) {
            precisionLocation = v;
            return this;
        }

        public Builder droid(DroidUid v) {
            droid = v;
            return this;
        }

        public Builder remarks(Remarks v) {
            remarks = v;
            return this;
        }

        public Builder links(List<Link> v) {
            links = v;
            return this;
        }

        public Builder chat(Chat v) {
            chat = v;
            return this;
        }

        public Builder marti(Marti v) {
            marti = v;
            return this;
        }

        public Builder flowTags(FlowTags v) {
            flowTags = v;
            return this;
        }

        public Builder unknown(List<String> v) {
            unknown = v;
            return this;
        }

        public Detail build() {
            return new Detail(contact, group, takv, track, status, precisionLocation, droid, remarks,
                    links, chat, marti, flowTags, unknown);
        }
    }
}
