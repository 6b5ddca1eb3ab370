package org.ems.network.domain.signon;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkLimits;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.TrustedLists;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.GlobalRecertification;
import org.ems.security.domain.ModuleRole;

/**
 * What a security server brings to each sign-on step: its certificate and private key, the
 * lists it trusts and distributes, the NS/SS keys of the network servers it serves, the global
 * recertification in force (if any, already verified), its certificate issuer, clock,
 * randomness and limits.
 */
public record SecurityServerContext(Certificate certificate, PrivateKey privateKey, TrustedLists trust,
        Map<NetworkServerId, SecretValue> networkServerKeys, Optional<GlobalRecertification> globalRecertification,
        ModuleCertifier certifier, Clock clock, SecureRandom random, NetworkLimits limits) {

    public SecurityServerContext {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trust, "trust");
        networkServerKeys = Map.copyOf(networkServerKeys);
        Objects.requireNonNull(globalRecertification, "globalRecertification");
        Objects.requireNonNull(certifier, "certifier");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(limits, "limits");
        if (certificate.subjectRole() != ModuleRole.SECURITY_SERVER) {
            throw new IllegalArgumentException("not a security server certificate: " + certificate.subjectRole());
        }
    }

    public ModuleAddress address() {
        return new ModuleAddress(certificate.subjectId());
    }
}
