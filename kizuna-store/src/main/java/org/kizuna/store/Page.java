package org.kizuna.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a query's answer, oldest first. {@code next} is the opaque cursor for the following
 * page, empty on the last one; pass it back with the same query.
 */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
    }
}
