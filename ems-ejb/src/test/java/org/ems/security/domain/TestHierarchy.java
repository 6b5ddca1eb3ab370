package org.ems.security.domain;

import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;

/**
 * A small security hierarchy for tests, built once: a numbering scheme from a fixed seed, two
 * active primary security servers (the first designated), a rogue PSS that is not listed, two
 * security servers and a transaction module, each with a valid certificate at {@link #NOW}.
 */
final class TestHierarchy {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant ISSUED = NOW.minus(Duration.ofDays(1));
    static final Instant EXPIRES = NOW.plus(Duration.ofDays(365));

    static final SecureRandom RANDOM = seeded(20261130);
    static final NumberingScheme SCHEME = NumberingScheme.generate(RANDOM);

    static final ModuleId PSS_ID = SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 2);
    static final KeyPair PSS_KEYS = Crypto.generateKeyPair(KeyLength.P521, RANDOM);
    static final ModuleId PSS2_ID = SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 3);
    static final KeyPair PSS2_KEYS = Crypto.generateKeyPair(KeyLength.P521, RANDOM);
    static final ModuleId ROGUE_PSS_ID = SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 4);
    static final KeyPair ROGUE_KEYS = Crypto.generateKeyPair(KeyLength.P521, RANDOM);

    static final PssKeyList PSS_KEY_LIST = PssKeyList.sign(1,
            Map.of(PSS_ID, PSS_KEYS.getPublic(), PSS2_ID, PSS2_KEYS.getPublic()), PSS_ID, NOW, PSS_KEYS.getPrivate());
    static final BadIdList NO_BAD_IDS = BadIdList.sign(1, Set.of(), NOW, PSS_ID, PSS_KEYS.getPrivate());

    static final ModuleId SS_ID = SCHEME.idFor(ModuleRole.SECURITY_SERVER, 100_000);
    static final KeyPair SS_KEYS = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
    static final Certificate SS_CERT = CertificateIssuer.certifySecurityServer(
            PSS_ID, PSS_KEYS.getPrivate(), SS_ID, SS_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME);

    static final ModuleId SS2_ID = SCHEME.idFor(ModuleRole.SECURITY_SERVER, 100_001);
    static final KeyPair SS2_KEYS = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
    static final Certificate SS2_CERT = CertificateIssuer.certifySecurityServer(
            PSS2_ID, PSS2_KEYS.getPrivate(), SS2_ID, SS2_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME);

    static final ModuleId MODULE_ID = SCHEME.idFor(ModuleRole.TRANSACTION, 12_000_000);
    static final KeyPair MODULE_KEYS = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
    static final Certificate MODULE_CERT = CertificateIssuer.certifyModule(
            SS_CERT, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION, MODULE_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME);

    private TestHierarchy() {
    }

    static CertificateValidator validator() {
        return new CertificateValidator(SCHEME, PSS_KEY_LIST, NO_BAD_IDS, CLOCK);
    }

    static CertificateValidator validatorAt(Instant now) {
        return new CertificateValidator(SCHEME, PSS_KEY_LIST, NO_BAD_IDS, Clock.fixed(now, ZoneOffset.UTC));
    }

    static CertificateValidator validatorBadListing(ModuleId... ids) {
        BadIdList badIds = BadIdList.sign(2, Set.of(ids), NOW, PSS_ID, PSS_KEYS.getPrivate());
        return new CertificateValidator(SCHEME, PSS_KEY_LIST, badIds, CLOCK);
    }

    /**
     * Signs any certificate fields with any key, bypassing every check of the issuer: how an
     * attacker (or a bug) would make one. Used to feed the validator each bad case.
     */
    static Certificate forge(ModuleId subject, ModuleRole role, KeyPair subjectKeys, Instant issuedAt, Instant expiresAt,
            long maskedIssuerId, KeyPair signer, Certificate issuer) {
        byte[] payload = Certificate.payload(subject, role, subjectKeys.getPublic(), issuedAt, expiresAt, maskedIssuerId);
        return Certificate.assemble(payload, Crypto.sign(signer.getPrivate(), payload), issuer);
    }

    /** A module certificate like {@link #MODULE_CERT} with other fields, signed by {@code signer}. */
    static Certificate forgeModule(ModuleId subject, ModuleRole role, Instant issuedAt, Instant expiresAt, KeyPair signer,
            Certificate attachedSsCert) {
        return forge(subject, role, MODULE_KEYS, issuedAt, expiresAt, SCHEME.mask(SS_ID), signer, attachedSsCert);
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
