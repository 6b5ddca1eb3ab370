package org.ems.network.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.network.domain.NetworkLimits;

/** The network's configured limits and the transport in use (server.xml variables). */
@ApplicationScoped
public class NetworkSettings {

    @Inject @ConfigProperty(name = "ems.network.clockToleranceSeconds", defaultValue = "30") long clockToleranceSeconds;
    @Inject @ConfigProperty(name = "ems.network.maxClockSyncAttempts", defaultValue = "3") int maxClockSyncAttempts;
    @Inject @ConfigProperty(name = "ems.network.sessionTimeRangeSeconds", defaultValue = "120") long sessionTimeRangeSeconds;
    @Inject @ConfigProperty(name = "ems.network.replyTimeoutSeconds", defaultValue = "30") long replyTimeoutSeconds;
    @Inject @ConfigProperty(name = "ems.network.transport", defaultValue = "jms") String transport;
    @Inject @ConfigProperty(name = "ems.security.moduleCertificateDays", defaultValue = "365") int moduleCertificateDays;

    public NetworkLimits limits() {
        return new NetworkLimits(Duration.ofSeconds(clockToleranceSeconds), maxClockSyncAttempts,
                Duration.ofSeconds(sessionTimeRangeSeconds), Duration.ofSeconds(replyTimeoutSeconds));
    }

    /** {@code jms} or {@code in-vm}. */
    public String transport() {
        return transport;
    }

    public Duration moduleCertificateValidity() {
        return Duration.ofDays(moduleCertificateDays);
    }
}
