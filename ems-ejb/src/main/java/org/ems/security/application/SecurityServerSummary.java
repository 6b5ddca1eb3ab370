package org.ems.security.application;

import java.time.Instant;

/** What the application tells about a security server: never its private key. */
public record SecurityServerSummary(long id, int keyLengthBits, Instant issuedAt, Instant expiresAt,
                                    long badIdListVersion, byte[] certificate) {
}
