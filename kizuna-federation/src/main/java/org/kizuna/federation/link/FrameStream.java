package org.kizuna.federation.link;

import io.grpc.Status;
import io.grpc.stub.CallStreamObserver;
import io.grpc.stub.ClientCallStreamObserver;
import org.kizuna.federation.wire.FederationProtocol.ErrorCode;
import org.kizuna.federation.wire.FederationProtocol.Frame;
import org.kizuna.federation.wire.FederationProtocol.LinkError;

/**
 * Our half of one gRPC stream of a link, dialed or accepted; the same frames flow either way.
 * gRPC observers are not thread-safe: only the link thread touches this.
 */
final class FrameStream {

    private final CallStreamObserver<Frame> out;
    private final int generation;
    private final boolean dialed;
    private boolean ended;

    FrameStream(CallStreamObserver<Frame> out, int generation, boolean dialed) {
        this.out = out;
        this.generation = generation;
        this.dialed = dialed;
    }

    int generation() {
        return generation;
    }

    /** True when we dialed this stream, false when the partner did. */
    boolean dialed() {
        return dialed;
    }

    boolean isReady() {
        return !ended && out.isReady();
    }

    void send(Frame frame) {
        if (!ended) {
            out.onNext(frame);
        }
    }

    void request(int frames) {
        if (!ended) {
            out.request(frames);
        }
    }

    /** Tells the partner why, then ends the stream. */
    void close(ErrorCode code, String detail) {
        if (ended) {
            return;
        }
        send(Frame.newBuilder().setError(LinkError.newBuilder().setCode(code).setDetail(detail)).build());
        ended = true;
        out.onCompleted();
    }

    /** Ends the stream at once, without waiting for the partner (it may be gone). */
    void abort(String why) {
        if (ended) {
            return;
        }
        ended = true;
        if (out instanceof ClientCallStreamObserver<Frame> client) {
            client.cancel(why, null);
        } else {
            out.onError(Status.UNAVAILABLE.withDescription(why).asRuntimeException());
        }
    }

    /** The stream ended from the other side or the transport. */
    void ended() {
        ended = true;
    }
}
