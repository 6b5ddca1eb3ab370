package org.ems.money.domain;

import java.time.Instant;

/** Checks on instants that go into canonical encodings (millisecond resolution). */
final class Instants {

    private Instants() {
    }

    static boolean isWholeMillis(Instant instant) {
        return instant.getNano() % 1_000_000 == 0;
    }
}
