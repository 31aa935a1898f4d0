package org.kizuna.bench.federation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.Origin;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.federation.Federation;
import org.kizuna.federation.FederationConfig;
import org.kizuna.federation.LinkSettings;
import org.kizuna.federation.LinkStorage;
import org.kizuna.federation.LocalNode;
import org.kizuna.federation.Partner;
import org.kizuna.federation.link.LinkState;
import org.kizuna.pki.CertificateAuthority;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.pki.Pem;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.tls.TlsFiles;

/**
 * Events per second across one federation link on loopback with mutual TLS: node jpn-1 offers
 * durable markers as its router would ({@link Federation#routed}); node usa-1 receives, checks
 * provenance, decodes the TAK message and namespaces the uid, then counts instead of routing to
 * local clients. The producer keeps the outbound log below half its capacity, so nothing is
 * refused. Latency is from the offer to the receiver's ingest (both in this JVM, one clock).
 */
public final class LinkThroughput {

    /** What one run measured. */
    public record Result(long events, double seconds, double eventsPerSecond, double p50Micros, double p99Micros,
                         double maxMicros, long refused) {
    }

    /**
     * What a resume after a cut measured; times from the moment the relay let connections through again.
     *
     * @param backlog       durable events offered while the link was cut
     * @param activeMillis  until the sender's link was active again (includes waiting for its next redial)
     * @param firstMillis   until the first of them was ingested by the receiver
     * @param drainedMillis until the last of them was ingested
     */
    public record CutResult(long backlog, double outageSeconds, double activeMillis, double firstMillis,
                            double drainedMillis, long duplicates, long refused) {
    }

    /** Where the links keep their journals: nowhere, group commit (the node's default), or a force per record. */
    public enum Store {
        MEMORY, GROUP, ALWAYS;

        LinkStorage in(Path dir) {
            return switch (this) {
                case MEMORY -> LinkStorage.MEMORY;
                case GROUP -> LinkStorage.under(dir);
                case ALWAYS -> new LinkStorage(dir, Duration.ZERO);
            };
        }
    }

    private static final Set<Group> GROUPS = Set.of(Group.ANONYMOUS);
    private static final TakProtoCodec CODEC = new TakProtoCodec(CotLimits.DEFAULTS);
    private static final Origin ORIGIN = Origin.local(ClientIdentity.certificate("bench", "00"), GROUPS, false);

    private LinkThroughput() {
    }

    /**
     * Runs {@code warmUp} then {@code events} markers through one link; {@code dir} holds the
     * throwaway PKI. {@code perSecond} paces the offers (0: as fast as the link takes them, which
     * measures throughput; the latency then includes queueing in the outbound log).
     */
    public static Result run(Path dir, long warmUp, long events, int perSecond) throws IOException, InterruptedException {
        return run(dir, warmUp, events, perSecond, Store.MEMORY);
    }

    /** As {@link #run(Path, long, long, int)}, both nodes keeping their link journals as {@code store} says. */
    public static Result run(Path dir, long warmUp, long events, int perSecond, Store store)
            throws IOException, InterruptedException {
        AtomicLong received = new AtomicLong();
        Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        TlsFiles jpnTls = pki(dir, "jpn-1");
        TlsFiles usaTls = pki(dir, "usa-1");
        LinkSettings link = LinkSettings.DEFAULTS.withInboundRate(10_000_000, 1_000_000);
        LocalNode usaSide = new LocalNode((event, groups, provenance) -> {
            latency.recordValue(Math.max(0, System.nanoTime() - sentAt(event.uid())));
            received.incrementAndGet();
            return null;
        }, List::of);
        LocalNode jpnSide = new LocalNode((event, groups, provenance) -> null, List::of);
        try (Federation usa = federation("usa-1", "USA", usaTls, usaSide, link, store.in(dir.resolve("usa-links")),
                     Partner.open("jpn-1", "JPN", "jpn-1", jpnTls.trustedCaPem(), null), true);
             Federation jpn = federation("jpn-1", "JPN", jpnTls, jpnSide, link, store.in(dir.resolve("jpn-links")),
                     Partner.open("usa-1", "USA", "usa-1", usaTls.trustedCaPem(),
                             new Partner.Address("127.0.0.1", usa.port())), false)) {
            awaitActive(jpn);
            offer(jpn, 0, warmUp, link.logCapacity() / 2, perSecond);
            awaitCount(received, warmUp);
            latency.reset();
            long start = System.nanoTime();
            offer(jpn, warmUp, events, link.logCapacity() / 2, perSecond);
            awaitCount(received, warmUp + events);
            double seconds = (System.nanoTime() - start) / 1e9;
            double refused = usa.metrics().count("kizuna.federation.inbound.refused", "jpn-1", "bad-event")
                    + jpn.metrics().count("kizuna.federation.outbound.dropped", "usa-1", "log-full");
            return new Result(events, seconds, events / seconds, latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3, (long) refused);
        }
    }

    /**
     * Resume after a cut: the link runs through a {@link CutRelay}; after a warm-up the relay is
     * cut, {@code backlog} durable markers are offered while it is down (they wait in the outbound
     * log), and after {@code outage} it is restored. Measures from the restore until the link is
     * active again, until the first and until the last of those markers reached the receiver.
     * Link settings are the defaults (backoff 500 ms doubling to 30 s, with jitter).
     */
    public static CutResult resumeAfterCut(Path dir, long backlog, Duration outage, Store store)
            throws IOException, InterruptedException {
        AtomicLong received = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        TlsFiles jpnTls = pki(dir, "jpn-1");
        TlsFiles usaTls = pki(dir, "usa-1");
        LinkSettings link = LinkSettings.DEFAULTS.withInboundRate(10_000_000, 1_000_000)
                .withLogCapacity((int) Math.max(LinkSettings.DEFAULTS.logCapacity(), backlog * 2));
        long warmUp = 10_000;
        LocalNode usaSide = new LocalNode((event, groups, provenance) -> {
            if (received.incrementAndGet() == warmUp + 1) {
                firstAt.set(System.nanoTime());
            }
            return null;
        }, List::of);
        LocalNode jpnSide = new LocalNode((event, groups, provenance) -> null, List::of);
        try (Federation usa = federation("usa-1", "USA", usaTls, usaSide, link, store.in(dir.resolve("usa-links")),
                     Partner.open("jpn-1", "JPN", "jpn-1", jpnTls.trustedCaPem(), null), true);
             CutRelay relay = new CutRelay(usa.port());
             Federation jpn = federation("jpn-1", "JPN", jpnTls, jpnSide, link, store.in(dir.resolve("jpn-links")),
                     Partner.open("usa-1", "USA", "usa-1", usaTls.trustedCaPem(),
                             new Partner.Address("127.0.0.1", relay.port())), false)) {
            awaitActive(jpn);
            offer(jpn, 0, warmUp, link.logCapacity() / 2, 0);
            awaitCount(received, warmUp);
            long cutAt = System.nanoTime();
            relay.cut();
            while (jpn.state("usa-1") == LinkState.ACTIVE) {
                Thread.sleep(1);
            }
            offer(jpn, warmUp, backlog, link.logCapacity(), 0);
            long left = outage.toNanos() - (System.nanoTime() - cutAt);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            long restored = System.nanoTime();
            relay.restore();
            while (jpn.state("usa-1") != LinkState.ACTIVE) {
                Thread.sleep(0, 200_000);
            }
            // From the link itself: this thread's polling can see it late on a busy machine (the
            // first event once came 4 ms "before" the link was active).
            long active = jpn.activeSinceNanos("usa-1");
            awaitCount(received, warmUp + backlog);
            long drained = System.nanoTime();
            double refused = usa.metrics().count("kizuna.federation.inbound.refused", "jpn-1", "bad-event")
                    + jpn.metrics().count("kizuna.federation.outbound.dropped", "usa-1", "log-full");
            return new CutResult(backlog, (restored - cutAt) / 1e9, (active - restored) / 1e6,
                    (firstAt.get() - restored) / 1e6, (drained - restored) / 1e6,
                    (long) usa.metrics().count("kizuna.federation.duplicates", "jpn-1"), (long) refused);
        }
    }

    private static void offer(Federation jpn, long from, long count, int maxBacklog, int perSecond) {
        Instant now = Instant.now();
        long start = System.nanoTime();
        long interval = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        Detail detail = Detail.builder().contact(new Contact(Attributes.of("callsign", "BUOY"))).build();
        for (long i = from; i < from + count; i++) {
            while (jpn.backlog("usa-1") > maxBacklog) {
                LockSupport.parkNanos(50_000);
            }
            long due = start + (i - from) * interval;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            CotEvent marker = CotEvent.builder("m-" + i + "-" + System.nanoTime(), "b-m-p-s-m")
                    .times(now, now.plusSeconds(600))
                    .point(Point.of(35.0 + (i % 1000) / 1000.0, 139.5))
                    .detail(detail)
                    .build();
            jpn.routed(new RoutedEvent(marker, null, CODEC, null, null, ORIGIN));
        }
    }

    /** The offer time written into the uid, {@code jpn-1:m-INDEX-NANOS}. */
    private static long sentAt(String uid) {
        return Long.parseLong(uid.substring(uid.lastIndexOf('-') + 1));
    }

    private static void awaitActive(Federation jpn) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jpn.state("usa-1") != LinkState.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the link did not come up within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static void awaitCount(AtomicLong received, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (received.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + received.get() + " of " + target + " events arrived");
            }
            Thread.sleep(1);
        }
    }

    private static Federation federation(String id, String nation, TlsFiles tls, LocalNode local, LinkSettings link,
                                         LinkStorage storage, Partner partner, boolean listen) throws IOException {
        FederationConfig config = new FederationConfig(id, nation, new Listener(listen, "127.0.0.1", 0),
                List.of(partner), link, storage);
        Federation f = new Federation(config, tls, local, PartnerRelease.PERMIT_ALL, InboundLabelling.ACCEPT_ALL,
                CotLimits.DEFAULTS, new SimpleMeterRegistry(), Clock.systemUTC());
        f.start();
        return f;
    }

    /** A CA and a node certificate named {@code node} for 127.0.0.1, as PEM files under {@code dir/node}. */
    private static TlsFiles pki(Path dir, String node) throws IOException {
        Path d = Files.createDirectories(dir.resolve(node));
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.create(node + " bench CA", now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(2)));
        IssuedCertificate server = ca.issueServer(node, List.of("localhost"), List.of("127.0.0.1"),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        return new TlsFiles(Files.writeString(d.resolve("server.pem"), Pem.encodeCertificates(server.chain())),
                Files.writeString(d.resolve("server.key.pem"), Pem.encodePrivateKey(server.privateKey())),
                Files.writeString(d.resolve("ca.pem"), Pem.encodeCertificates(List.of(ca.certificate()))));
    }
}
