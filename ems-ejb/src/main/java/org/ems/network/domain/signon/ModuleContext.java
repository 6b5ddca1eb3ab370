package org.ems.network.domain.signon;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkLimits;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.TrustedLists;
import org.ems.security.domain.Certificate;

/**
 * What a module brings to each step of its sign-on, loaded by the application from the module
 * aggregate: its current certificate and private key, the lists it trusts, the network server it
 * dials, its hardware clock (uncorrected: the correction is part of the sign-on state), its
 * randomness and the configured limits.
 */
public record ModuleContext(Certificate certificate, PrivateKey privateKey, TrustedLists trust, NetworkServerId networkServer,
        Clock clock, SecureRandom random, NetworkLimits limits) {

    public ModuleContext {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(networkServer, "networkServer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(limits, "limits");
        if (!certificate.subjectRole().isCertifiedBySecurityServer()) {
            throw new IllegalArgumentException("only modules sign on, not a " + certificate.subjectRole());
        }
    }

    public ModuleAddress address() {
        return new ModuleAddress(certificate.subjectId());
    }
}
