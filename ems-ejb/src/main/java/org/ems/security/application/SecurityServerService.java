package org.ems.security.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.PrivateKeyVault;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.CertifiedModule;
import org.ems.security.domain.CertifiedModuleRepository;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.NumberingSchemeRepository;
import org.ems.security.domain.RejectionReason;
import org.ems.security.domain.SecurityPublication;
import org.ems.security.domain.SecurityPublicationRepository;
import org.ems.security.domain.SecurityServer;
import org.ems.security.domain.SecurityServerRepository;

/**
 * The security server role (patent fig. 3A): certifies modules, validates certificates with the
 * bad-ID list the security network delivered to it, and takes new bad-ID lists from the network.
 */
@Stateless
public class SecurityServerService {

    private static final Logger LOG = Logger.getLogger(SecurityServerService.class.getName());

    @Inject NumberingSchemeRepository schemes;
    @Inject SecurityServerRepository securityServers;
    @Inject CertifiedModuleRepository modules;
    @Inject SecurityPublicationRepository publications;
    @Inject TrustAnchors trust;
    @Inject PrivateKeyVault vault;
    @Inject Clock clock;
    @Inject @ConfigProperty(name = "ems.security.moduleCertificateDays", defaultValue = "365") int moduleCertificateDays;

    /**
     * Certifies a module's public key: its own certificate must still be valid, the key must
     * meet the key-length policy, and the module gets a fresh id from its role's range.
     */
    public Certificate certifyModule(ModuleId securityServerId, ModuleRole role, byte[] encodedPublicKey) {
        if (!CertificateIssuer.MODULE_ROLES.contains(role)) {
            throw new IllegalArgumentException("a security server does not certify " + role);
        }
        PublicKey publicKey = Crypto.decodePublicKey(encodedPublicKey);
        KeyLength required = trust.keyLengthPolicy().modules();
        if (!KeyLength.of(publicKey).isAtLeast(required)) {
            throw new CertificateRejectedException(RejectionReason.KEY_TOO_SHORT,
                    "the key-length policy requires " + required.bits() + " bits, the key has " + KeyLength.of(publicKey).bits());
        }
        SecurityServer ss = securityServer(securityServerId);
        Certificate ssCertificate = ss.certificate();
        // A security server that is bad-listed or expired must not certify anything.
        validatorOf(ss).validateSecurityServer(ssCertificate, ExpiryCheck.ENFORCE);

        NumberingScheme scheme = trust.scheme();
        ModuleId id = scheme.idFor(role, schemes.takeResidue(role, scheme.p()));
        Instant now = clock.instant();
        PrivateKey ssKey = vault.open(ss.sealedPrivateKey());
        Certificate certificate = CertificateIssuer.certifyModule(ssCertificate, ssKey, id, role, publicKey,
                now, now.plus(Duration.ofDays(moduleCertificateDays)), scheme);
        modules.store(new CertifiedModule(certificate));
        LOG.fine(() -> "security server " + securityServerId + " certified " + role + " " + id);
        return certificate;
    }

    /** Validates a module certificate as this security server would (its bad-ID list, its clock). */
    public void validateModule(ModuleId securityServerId, byte[] encodedCertificate, ModuleRole expectedRole) {
        Certificate certificate = Certificate.decode(encodedCertificate);
        validatorOf(securityServer(securityServerId)).validateModule(certificate, expectedRole, ExpiryCheck.ENFORCE);
    }

    /** Whether global recertification in force requires this certificate to be renewed now. */
    public boolean requiresRecertification(byte[] encodedCertificate) {
        Certificate certificate = Certificate.decode(encodedCertificate);
        return trust.globalRecertification()
                .map(call -> call.requiresRecertification(certificate, clock.instant()))
                .orElse(false);
    }

    /**
     * Takes a bad-ID list from the security network. It must be signed by the designated
     * primary security server; then every security server holding an older version takes it.
     * A redelivered or older list changes nothing. A forged list changes nothing and says why.
     */
    public BadIdListReceipt receiveBadIdList(byte[] encodedList) {
        BadIdList list;
        try {
            list = BadIdList.decode(encodedList);
            list.verify(trust.pssKeys());
        } catch (CertificateRejectedException | IllegalArgumentException e) {
            LOG.warning(() -> "refused a bad-ID list from the security network: " + e.getMessage());
            return BadIdListReceipt.rejected(e.getMessage());
        }
        if (publications.find(SecurityPublication.Kind.BAD_ID_LIST, list.version()).isEmpty()) {
            // Published by a PSS whose database this server does not share: keep our own copy.
            publications.store(new SecurityPublication(SecurityPublication.Kind.BAD_ID_LIST, list.version(),
                    list.encoded(), clock.instant()));
        }
        int updated = 0;
        for (SecurityServer ss : securityServers.findAll()) {
            if (ss.receiveBadIdList(list.version())) {
                updated++;
            }
        }
        return BadIdListReceipt.accepted(list.version(), updated);
    }

    public List<SecurityServerSummary> listSecurityServers() {
        return securityServers.findAll().stream().map(SecurityServerService::summary).toList();
    }

    public SecurityServerSummary securityServerSummary(ModuleId id) {
        return summary(securityServer(id));
    }

    private static SecurityServerSummary summary(SecurityServer ss) {
        Certificate c = ss.certificate();
        return new SecurityServerSummary(ss.id().value(), c.keyLength().bits(), c.issuedAt(), c.expiresAt(),
                ss.badIdListVersion(), c.encoded());
    }

    private SecurityServer securityServer(ModuleId id) {
        return securityServers.find(id).orElseThrow(() -> new IllegalArgumentException("no security server " + id));
    }

    private org.ems.security.domain.CertificateValidator validatorOf(SecurityServer ss) {
        BadIdList held = trust.badIds(ss.badIdListVersion());
        return trust.validator(held, clock);
    }
}
