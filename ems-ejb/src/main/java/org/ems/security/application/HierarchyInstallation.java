package org.ems.security.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.PrivateKeyVault;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.InstalledNumberingScheme;
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

/**
 * Installs the security hierarchy on an empty database, once: generates the numbering scheme
 * (the patent's "secure process"), the first primary security server (designated), and
 * version 1 of the signed PSS key list, bad-ID list and key-length policy. Installing again
 * changes nothing.
 */
@Stateless
public class HierarchyInstallation {

    private static final Logger LOG = Logger.getLogger(HierarchyInstallation.class.getName());
    /** The patent keeps a PSS's key length for its whole life; the longest curve is used. */
    public static final KeyLength PSS_KEY_LENGTH = KeyLength.P521;

    @Inject NumberingSchemeRepository schemes;
    @Inject PrimarySecurityServerRepository primaries;
    @Inject SecurityPublicationRepository publications;
    @Inject PrivateKeyVault vault;
    @Inject SecureRandom random;
    @Inject Clock clock;

    /** Installs the hierarchy if it is not installed; returns the designated PSS's id either way. */
    public ModuleId install() {
        if (schemes.find().isPresent()) {
            return primaries.findDesignated()
                    .orElseThrow(() -> new IllegalStateException("installed hierarchy without a designated PSS"))
                    .id();
        }
        Instant now = clock.instant();
        NumberingScheme scheme = NumberingScheme.generate(random);
        schemes.store(new InstalledNumberingScheme(scheme));
        ModuleId pssId = scheme.idFor(ModuleRole.PRIMARY_SECURITY_SERVER,
                schemes.takeResidue(ModuleRole.PRIMARY_SECURITY_SERVER, scheme.p()));
        KeyPair keys = Crypto.generateKeyPair(PSS_KEY_LENGTH, random);
        primaries.store(new PrimarySecurityServer(pssId, keys.getPublic(), vault.seal(keys.getPrivate()), true, now));

        PssKeyList pssKeys = PssKeyList.sign(1, Map.of(pssId, keys.getPublic()), pssId, now, keys.getPrivate());
        publish(SecurityPublication.Kind.PSS_KEY_LIST, 1, pssKeys.encoded(), now);
        BadIdList badIds = BadIdList.sign(1, Set.of(), now, pssId, keys.getPrivate());
        publish(SecurityPublication.Kind.BAD_ID_LIST, 1, badIds.encoded(), now);
        KeyLengthPolicy policy = new KeyLengthPolicy(1, KeyLength.P256, KeyLength.P256);
        publish(SecurityPublication.Kind.KEY_LENGTH_POLICY, 1, policy.sign(pssId, keys.getPrivate()), now);
        LOG.info(() -> "installed the security hierarchy; designated primary security server " + pssId);
        return pssId;
    }

    private void publish(SecurityPublication.Kind kind, long version, byte[] encoded, Instant now) {
        publications.store(new SecurityPublication(kind, version, encoded, now));
    }
}
