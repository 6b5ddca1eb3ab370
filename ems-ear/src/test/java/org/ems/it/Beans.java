package org.ems.it;

import jakarta.enterprise.inject.spi.CDI;

/**
 * Looks up the application's beans from inside the container. The Arquillian CDI enricher is not
 * served by this machine's registry, so tests ask CDI directly.
 */
public final class Beans {

    private Beans() {
    }

    public static <T> T get(Class<T> type) {
        return CDI.current().select(type).get();
    }
}
