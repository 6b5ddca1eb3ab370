package org.ems.security.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.PrivateKeyVault;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.GlobalRecertification;
import org.ems.security.domain.KeyLengthPolicy;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.NumberingSchemeRepository;
import org.ems.security.domain.PrimarySecurityServer;
import org.ems.security.domain.PrimarySecurityServerRepository;
import org.ems.security.domain.PssKeyList;
import org.ems.security.domain.SecurityPublication;
import org.ems.security.domain.SecurityPublicationRepository;
import org.ems.security.domain.SecurityServer;
import org.ems.security.domain.SecurityServerRepository;

/**
 * The primary security server role (patent fig. 4B): certifies security servers and, as the
 * designated PSS, signs and publishes the PSS key list, the bad-ID list, the key-length policy
 * and global recertification. Every publication is a new signed version; the bad-ID list is
 * distributed over the security network in the same transaction.
 */
@Stateless
public class PrimarySecurityServerService {

    private static final Logger LOG = Logger.getLogger(PrimarySecurityServerService.class.getName());
    /** Bound on the ids added by one call (TIGER_STYLE: a limit on everything). */
    public static final int MAX_BAD_IDS_PER_CALL = 1000;

    @Inject NumberingSchemeRepository schemes;
    @Inject PrimarySecurityServerRepository primaries;
    @Inject SecurityServerRepository securityServers;
    @Inject SecurityPublicationRepository publications;
    @Inject TrustAnchors trust;
    @Inject SecurityNetwork network;
    @Inject PrivateKeyVault vault;
    @Inject SecureRandom random;
    @Inject Clock clock;
    @Inject @ConfigProperty(name = "ems.security.ssCertificateDays", defaultValue = "730") int ssCertificateDays;

    /** Adds a primary security server and publishes the PSS key list that includes it. */
    public ModuleId addPrimarySecurityServer() {
        NumberingScheme scheme = trust.scheme();
        Instant now = clock.instant();
        ModuleId id = scheme.idFor(ModuleRole.PRIMARY_SECURITY_SERVER,
                schemes.takeResidue(ModuleRole.PRIMARY_SECURITY_SERVER, scheme.p()));
        KeyPair keys = Crypto.generateKeyPair(HierarchyInstallation.PSS_KEY_LENGTH, random);
        primaries.store(new PrimarySecurityServer(id, keys.getPublic(), vault.seal(keys.getPrivate()), false, now));

        PssKeyList current = trust.pssKeys();
        Map<ModuleId, java.security.PublicKey> keysById = new HashMap<>(current.keys());
        keysById.put(id, keys.getPublic());
        PrimarySecurityServer designated = designated();
        PssKeyList next = PssKeyList.sign(current.version() + 1, keysById, designated.id(), now, privateKey(designated));
        publications.store(new SecurityPublication(SecurityPublication.Kind.PSS_KEY_LIST, next.version(), next.encoded(), now));
        LOG.info(() -> "added primary security server " + id + "; PSS key list version " + next.version());
        return id;
    }

    /**
     * Creates a security server: an id from its range, a key pair of the policy's length, and a
     * certificate signed by the designated primary security server.
     */
    public Certificate createSecurityServer() {
        NumberingScheme scheme = trust.scheme();
        Instant now = clock.instant();
        ModuleId id = scheme.idFor(ModuleRole.SECURITY_SERVER, schemes.takeResidue(ModuleRole.SECURITY_SERVER, scheme.p()));
        KeyPair keys = Crypto.generateKeyPair(trust.keyLengthPolicy().securityServers(), random);
        PrimarySecurityServer pss = designated();
        Certificate certificate = CertificateIssuer.certifySecurityServer(pss.id(), privateKey(pss), id, keys.getPublic(),
                now, now.plus(Duration.ofDays(ssCertificateDays)), scheme);
        securityServers.store(new SecurityServer(certificate, vault.seal(keys.getPrivate()), trust.latestBadIds().version(), now));
        LOG.info(() -> "created security server " + id + " certified by " + pss.id());
        return certificate;
    }

    /** Adds ids to the bad-ID list: a new signed version, distributed to the security servers. */
    public BadIdList addToBadIdList(Set<ModuleId> ids) {
        if (ids.isEmpty() || ids.size() > MAX_BAD_IDS_PER_CALL) {
            throw new IllegalArgumentException("add between 1 and " + MAX_BAD_IDS_PER_CALL + " ids, not " + ids.size());
        }
        NumberingScheme scheme = trust.scheme();
        for (ModuleId id : ids) {
            if (scheme.roleOf(id) == ModuleRole.PRIMARY_SECURITY_SERVER) {
                throw new IllegalArgumentException("a primary security server is retired from the PSS key list, not bad-listed: " + id);
            }
        }
        PrimarySecurityServer pss = designated();
        Instant now = clock.instant();
        BadIdList next = trust.latestBadIds().withAdded(ids, now, pss.id(), privateKey(pss));
        publications.store(new SecurityPublication(SecurityPublication.Kind.BAD_ID_LIST, next.version(), next.encoded(), now));
        network.distributeBadIdList(next.version(), next.encoded());
        LOG.info(() -> "bad-ID list version " + next.version() + " adds " + ids);
        return next;
    }

    /** Changes the key lengths that new security server and module keys must have. */
    public KeyLengthPolicy changeKeyLengthPolicy(KeyLength securityServers, KeyLength modules) {
        KeyLengthPolicy current = trust.keyLengthPolicy();
        if (!securityServers.isAtLeast(current.securityServers()) || !modules.isAtLeast(current.modules())) {
            // The patent lengthens keys to keep security up; shortening would admit weaker keys.
            throw new IllegalArgumentException("key lengths may only grow: now " + current.securityServers().bits()
                    + "/" + current.modules().bits());
        }
        PrimarySecurityServer pss = designated();
        KeyLengthPolicy next = new KeyLengthPolicy(current.version() + 1, securityServers, modules);
        publications.store(new SecurityPublication(SecurityPublication.Kind.KEY_LENGTH_POLICY, next.version(),
                next.sign(pss.id(), privateKey(pss)), clock.instant()));
        return next;
    }

    /**
     * A primary security server calls global recertification: every certificate issued before
     * {@code from} must be renewed at sign-on within the window.
     */
    public GlobalRecertification callGlobalRecertification(ModuleId calledBy, Instant from, Instant until) {
        PrimarySecurityServer caller = primaries.find(calledBy)
                .orElseThrow(() -> new IllegalArgumentException("no primary security server " + calledBy));
        if (!until.isAfter(from) || until.isBefore(clock.instant())) {
            throw new IllegalArgumentException("the window must end after it starts and after now: " + from + " .. " + until);
        }
        GlobalRecertification call = new GlobalRecertification(caller.id(), from, until);
        long version = publications.latest(SecurityPublication.Kind.GLOBAL_RECERTIFICATION).map(p -> p.version() + 1).orElse(1L);
        publications.store(new SecurityPublication(SecurityPublication.Kind.GLOBAL_RECERTIFICATION, version,
                call.sign(privateKey(caller)), clock.instant()));
        LOG.warning(() -> "global recertification called by " + calledBy + " for " + from + " .. " + until);
        return call;
    }

    private PrimarySecurityServer designated() {
        return primaries.findDesignated().orElseThrow(() -> new IllegalStateException("no designated primary security server"));
    }

    private PrivateKey privateKey(PrimarySecurityServer pss) {
        return vault.open(pss.sealedPrivateKey());
    }
}
