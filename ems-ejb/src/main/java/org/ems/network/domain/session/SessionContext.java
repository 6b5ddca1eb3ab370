package org.ems.network.domain.session;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkLimits;
import org.ems.network.domain.NetworkLink;
import org.ems.network.domain.TrustedLists;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleRole;

/**
 * What a party brings to each step of establishing or using a session: its certificate (a
 * module's, or a security server's: either may take either side), private key, trusted lists,
 * its clock as corrected at sign-on (the application applies the module's offset), randomness,
 * limits, and its network link if it is signed on (sessions to the linked destination then go
 * through the network server, encrypted with K).
 */
public record SessionContext(Certificate certificate, PrivateKey privateKey, TrustedLists trust, Clock clock, SecureRandom random,
        NetworkLimits limits, Optional<NetworkLink> link) {

    public SessionContext {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(link, "link");
        if (certificate.subjectRole() == ModuleRole.PRIMARY_SECURITY_SERVER) {
            throw new IllegalArgumentException("primary security servers do not hold sessions");
        }
    }

    public ModuleAddress address() {
        return new ModuleAddress(certificate.subjectId());
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
