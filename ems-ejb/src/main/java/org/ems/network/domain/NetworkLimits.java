package org.ems.network.domain;

import java.time.Duration;
import java.util.Objects;
import org.ems.security.domain.CertificateValidator;

/**
 * The configured bounds of sign-on and sessions, each checked here so that no party runs with
 * an unbounded loop or a meaningless tolerance.
 *
 * @param clockTolerance how far a module's clock may be from its security server's at sign-on
 *        (also the skew allowed when a module checks a certificate issued moments ago)
 * @param maxClockSyncAttempts how many times a module sends its time before it reports a clock
 *        malfunction; the security server stops answering after as many
 * @param sessionTimeRange how far two peers' clocks may differ when they establish a session
 * @param replyTimeout how long a party waits for its peer's next message; the application arms a
 *        timer of this length whenever a step leaves the party unsettled, and calls onTimeout
 */
public record NetworkLimits(Duration clockTolerance, int maxClockSyncAttempts, Duration sessionTimeRange, Duration replyTimeout) {

    public static final int MAX_CLOCK_SYNC_ATTEMPTS = 10;
    public static final Duration MAX_SESSION_TIME_RANGE = Duration.ofHours(1);
    public static final Duration MIN_REPLY_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_REPLY_TIMEOUT = Duration.ofMinutes(10);

    public NetworkLimits {
        Objects.requireNonNull(clockTolerance, "clockTolerance");
        Objects.requireNonNull(sessionTimeRange, "sessionTimeRange");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        if (clockTolerance.isNegative() || clockTolerance.isZero() || clockTolerance.compareTo(CertificateValidator.MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clock tolerance outside (0, " + CertificateValidator.MAX_CLOCK_SKEW + "]");
        }
        if (maxClockSyncAttempts < 1 || maxClockSyncAttempts > MAX_CLOCK_SYNC_ATTEMPTS) {
            throw new IllegalArgumentException("clock-sync attempts outside 1.." + MAX_CLOCK_SYNC_ATTEMPTS);
        }
        if (sessionTimeRange.isNegative() || sessionTimeRange.isZero() || sessionTimeRange.compareTo(MAX_SESSION_TIME_RANGE) > 0) {
            throw new IllegalArgumentException("session time range outside (0, " + MAX_SESSION_TIME_RANGE + "]");
        }
        if (replyTimeout.compareTo(MIN_REPLY_TIMEOUT) < 0 || replyTimeout.compareTo(MAX_REPLY_TIMEOUT) > 0) {
            throw new IllegalArgumentException("reply timeout outside " + MIN_REPLY_TIMEOUT + ".." + MAX_REPLY_TIMEOUT);
        }
    }

    /** The skew a session's certificate checks allow: the time range, capped at the validator's maximum. */
    public Duration sessionCertificateSkew() {
        return sessionTimeRange.compareTo(CertificateValidator.MAX_CLOCK_SKEW) > 0 ? CertificateValidator.MAX_CLOCK_SKEW : sessionTimeRange;
    }
}
