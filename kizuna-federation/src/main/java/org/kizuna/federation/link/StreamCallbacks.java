package org.kizuna.federation.link;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.kizuna.federation.wire.FederationProtocol.Frame;

/**
 * gRPC's callbacks for one stream of a link, dialed or accepted: each is handed to the link
 * thread tagged with the stream's generation, so the link can tell a late callback of an old
 * stream from the current one.
 */
final class StreamCallbacks implements ClientResponseObserver<Frame, Frame> {

    /** What the link does with a frame or an ending of the stream {@code generation}. */
    interface FrameHandler {
        void onFrame(int generation, Frame frame);
    }

    private final int generation;
    private final int initialCredit;
    private final Runnable onReady;
    private final Consumer<Runnable> onLoop;
    private final FrameHandler frames;
    private final BiConsumer<Integer, String> ended;
    private ClientCallStreamObserver<Frame> requests;

    StreamCallbacks(int generation, int initialCredit, Runnable onReady, Consumer<Runnable> onLoop, FrameHandler frames,
                    BiConsumer<Integer, String> ended) {
        this.generation = generation;
        this.initialCredit = initialCredit;
        this.onReady = onReady;
        this.onLoop = onLoop;
        this.frames = frames;
        this.ended = ended;
    }

    /** Dialed streams only: called by gRPC before the call starts, on the dialing thread. */
    @Override
    public void beforeStart(ClientCallStreamObserver<Frame> out) {
        requests = out;
        out.disableAutoRequestWithInitial(initialCredit);
        out.setOnReadyHandler(onReady);
    }

    /** Our half of a dialed stream, once {@link #beforeStart} ran. */
    ClientCallStreamObserver<Frame> requests() {
        return requests;
    }

    @Override
    public void onNext(Frame frame) {
        onLoop.accept(() -> frames.onFrame(generation, frame));
    }

    @Override
    public void onError(Throwable t) {
        onLoop.accept(() -> ended.accept(generation, String.valueOf(t.getMessage())));
    }

    @Override
    public void onCompleted() {
        onLoop.accept(() -> ended.accept(generation, "closed by the partner"));
    }
}
