package org.kizuna.server.http;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/** One readiness condition of {@code /health} ("store", "listeners"); {@code up} may block briefly. */
public record HealthCheck(String name, BooleanSupplier up) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(up, "up");
    }
}
