package org.ems.network.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.PrivateKeyVault;
import org.ems.crypto.Purpose;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkLink;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.NetworkServerKey;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.signon.ModuleCertifier;
import org.ems.network.domain.signon.ModuleContext;
import org.ems.network.domain.signon.NetworkServerContext;
import org.ems.network.domain.signon.SecurityServerContext;
import org.ems.network.domain.signon.SecurityServerRoute;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertifiedModule;
import org.ems.security.domain.CertifiedModuleRepository;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.SecurityServer;
import org.ems.security.domain.SecurityServerRepository;

/**
 * Builds what each party brings to a protocol step from what the server stores: the hosted
 * module's keys and lists, the network server's NS/SS keys, the security server's certificate,
 * key and the lists it holds. Private keys and secrets are unsealed here, per step, and never stored open.
 */
@ApplicationScoped
public class NetworkContexts {

    @Inject NetworkRepository network;
    @Inject SecurityServerRepository securityServers;
    @Inject CertifiedModuleRepository certifiedModules;
    @Inject TrustAnchors trust;
    @Inject PrivateKeyVault vault;
    @Inject AtRestCipher atRest;
    @Inject SecureRandom random;
    @Inject Clock clock;
    @Inject NetworkSettings settings;

    /** A module's sign-on context: its hardware clock, uncorrected (the correction is sign-on state). */
    public ModuleContext module(HostedModule module) {
        return new ModuleContext(module.certificate(), vault.open(module.sealedPrivateKey()), module.trust(trust.scheme()),
                module.networkServer(), clock, random, settings.limits());
    }

    /** The session context of a party: a hosted module, or a security server (either may take either side). */
    public SessionContext session(ModuleAddress party) {
        if (trust.scheme().roleOf(party.id()) == ModuleRole.SECURITY_SERVER) {
            return securityServerSession(party.id());
        }
        return moduleSession(network.findModule(party.id())
                .orElseThrow(() -> new IllegalArgumentException("no hosted module " + party.id())));
    }

    /** A module's session context: its clock as corrected at sign-on, and its link if signed on. */
    public SessionContext moduleSession(HostedModule module) {
        Optional<NetworkLink> link = module.sealedLink().map(s -> NetworkLink.decode(atRest.open(Purpose.NETWORK_LINK_AT_REST, s)));
        return new SessionContext(module.certificate(), vault.open(module.sealedPrivateKey()), module.trust(trust.scheme()),
                Clock.offset(clock, module.clockOffset()), random, settings.limits(), link);
    }

    /** A security server taking part in a session (the patent lets either side be one). */
    public SessionContext securityServerSession(ModuleId id) {
        SecurityServer ss = securityServerRecord(id);
        return new SessionContext(ss.certificate(), vault.open(ss.sealedPrivateKey()), trustedBy(ss), clock, random,
                settings.limits(), Optional.empty());
    }

    public NetworkServerContext networkServer(NetworkServerId id) {
        List<SecurityServerRoute> routes = network.keysOf(id).stream()
                .map(k -> new SecurityServerRoute(k.securityServer(), secret(k)))
                .toList();
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no network server " + id.name() + " (it holds no NS/SS keys)");
        }
        return new NetworkServerContext(id, routes, random);
    }

    public SecurityServerContext securityServer(ModuleId id) {
        SecurityServer ss = securityServerRecord(id);
        Certificate certificate = ss.certificate();
        PrivateKey key = vault.open(ss.sealedPrivateKey());
        Map<NetworkServerId, SecretValue> nsKeys = new HashMap<>();
        for (NetworkServerKey k : network.keysFor(id)) {
            nsKeys.put(k.networkServer(), secret(k));
        }
        ModuleCertifier issuer = ModuleCertifier.of(certificate, key, trust.scheme(), settings.moduleCertificateValidity());
        ModuleCertifier certifier = (module, role, newKey, now) -> record(issuer.certify(module, role, newKey, now));
        return new SecurityServerContext(certificate, key, trustedBy(ss), nsKeys, trust.globalRecertification(), certifier,
                clock, random, settings.limits());
    }

    /** The hierarchy keeps every certificate it issues, recertifications included, in the step's transaction. */
    private Certificate record(Certificate issued) {
        certifiedModules.find(issued.subjectId()).ifPresentOrElse(
                known -> known.recertify(issued),
                () -> certifiedModules.store(new CertifiedModule(issued)));
        return issued;
    }

    /** The lists a security server holds: the bad-ID list version the security network delivered to it. */
    private TrustedLists trustedBy(SecurityServer ss) {
        return new TrustedLists(trust.scheme(), trust.pssKeys(), trust.badIds(ss.badIdListVersion()), trust.signedKeyLengthPolicy());
    }

    private SecurityServer securityServerRecord(ModuleId id) {
        return securityServers.find(id).orElseThrow(() -> new IllegalArgumentException("no security server " + id));
    }

    private SecretValue secret(NetworkServerKey key) {
        return SecretValue.of(atRest.open(Purpose.NETWORK_KEY_AT_REST, key.sealedSecret()));
    }
}
