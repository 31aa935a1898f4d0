package org.kizuna.federation.link;

import io.grpc.stub.ClientResponseObserver;
import org.kizuna.federation.wire.FederationProtocol.Frame;

/** Opens a new stream to a partner over its gRPC channel ({@code stub::exchange}). */
@FunctionalInterface
public interface Dialer {

    void dial(ClientResponseObserver<Frame, Frame> inbound);
}
