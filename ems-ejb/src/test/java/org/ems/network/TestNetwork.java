package org.ems.network;

import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.network.domain.NetworkLimits;
import org.ems.network.domain.NetworkLink;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.TrustedLists;
import org.ems.network.domain.session.SessionContext;
import org.ems.network.domain.signon.ModuleCertifier;
import org.ems.network.domain.signon.ModuleContext;
import org.ems.network.domain.signon.NetworkServerContext;
import org.ems.network.domain.signon.SecurityServerContext;
import org.ems.network.domain.signon.SecurityServerRoute;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.GlobalRecertification;
import org.ems.security.domain.KeyLengthPolicy;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.PssKeyList;
import org.ems.security.domain.SignedKeyLengthPolicy;

/**
 * A whole network for tests and benchmarks, built from a seed: a numbering scheme, one P-521
 * primary security server (designated), the signed lists, one security server, one network
 * server with its NS/SS key, and modules certified on demand. Security server and module keys
 * have the given length (the key-length policy's effect is measured by building two networks).
 */
public final class TestNetwork {

    public static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final Instant ISSUED = NOW.minus(Duration.ofDays(30));
    public static final Instant EXPIRES = NOW.plus(Duration.ofDays(365));
    public static final NetworkLimits LIMITS = new NetworkLimits(Duration.ofSeconds(2), 3, Duration.ofMinutes(2), Duration.ofSeconds(30));
    public static final Duration RECERTIFIED_VALIDITY = Duration.ofDays(365);

    /** A module or server of the network: id, keys, certificate. */
    public record Member(ModuleId id, KeyPair keys, Certificate certificate) {
    }

    public final KeyLength keyLength;
    public final SecureRandom random;
    public final NumberingScheme scheme;
    public final ModuleId pssId;
    public final KeyPair pssKeys;
    public final PssKeyList pssKeyList;
    public final BadIdList noBadIds;
    public final SignedKeyLengthPolicy policy;
    public final TrustedLists trust;
    public final Member securityServer;
    public final NetworkServerId networkServer = new NetworkServerId("ns-1");
    public final SecretValue nsSsKey;
    private long nextResidue = 12_000_000;
    private long nextTellerResidue = 1_000_000;

    public TestNetwork(KeyLength keyLength, long seed) {
        this.keyLength = keyLength;
        this.random = seeded(seed);
        this.scheme = NumberingScheme.generate(random);
        this.pssId = scheme.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 2);
        this.pssKeys = Crypto.generateKeyPair(KeyLength.P521, random);
        this.pssKeyList = PssKeyList.sign(1, Map.of(pssId, pssKeys.getPublic()), pssId, NOW.minus(Duration.ofDays(400)),
                pssKeys.getPrivate());
        this.noBadIds = BadIdList.sign(1, Set.of(), NOW.minus(Duration.ofDays(1)), pssId, pssKeys.getPrivate());
        this.policy = SignedKeyLengthPolicy.sign(new KeyLengthPolicy(1, keyLength, keyLength), pssId, pssKeys.getPrivate());
        this.trust = new TrustedLists(scheme, pssKeyList, noBadIds, policy);
        ModuleId ssId = scheme.idFor(ModuleRole.SECURITY_SERVER, 100_000);
        KeyPair ssKeys = Crypto.generateKeyPair(keyLength, random);
        this.securityServer = new Member(ssId, ssKeys, CertificateIssuer.certifySecurityServer(pssId, pssKeys.getPrivate(), ssId,
                ssKeys.getPublic(), ISSUED, EXPIRES, scheme));
        this.nsSsKey = SecretValue.random(random);
    }

    /** A new transaction module certified now-30d .. now+365d. */
    public Member transactionModule() {
        return module(ModuleRole.TRANSACTION, nextResidue++, ISSUED, EXPIRES);
    }

    public Member tellerModule() {
        return module(ModuleRole.TELLER, nextTellerResidue++, ISSUED, EXPIRES);
    }

    public Member module(ModuleRole role, long residue, Instant issuedAt, Instant expiresAt) {
        ModuleId id = scheme.idFor(role, residue);
        KeyPair keys = Crypto.generateKeyPair(keyLength, random);
        return new Member(id, keys, CertificateIssuer.certifyModule(securityServer.certificate(), securityServer.keys().getPrivate(),
                id, role, keys.getPublic(), issuedAt, expiresAt, scheme));
    }

    /** Lists with these ids bad-listed (version 2). */
    public TrustedLists trustBadListing(ModuleId... ids) {
        return trust.with(pssKeyList, BadIdList.sign(2, Set.of(ids), NOW, pssId, pssKeys.getPrivate()), policy);
    }

    public SignedKeyLengthPolicy policy(long version, KeyLength modules) {
        return SignedKeyLengthPolicy.sign(new KeyLengthPolicy(version, keyLength, modules), pssId, pssKeys.getPrivate());
    }

    public GlobalRecertification globalRecertification(Instant from, Instant until) {
        return new GlobalRecertification(pssId, from, until);
    }

    public ModuleContext moduleContext(Member module, Clock clock) {
        return new ModuleContext(module.certificate(), module.keys().getPrivate(), trust, networkServer, clock, random, LIMITS);
    }

    public NetworkServerContext networkServerContext() {
        return new NetworkServerContext(networkServer, java.util.List.of(new SecurityServerRoute(securityServer.id(), nsSsKey)), random);
    }

    public SecurityServerContext securityServerContext(TrustedLists lists, Optional<GlobalRecertification> recertification,
            ModuleCertifier certifier, Clock clock) {
        return new SecurityServerContext(securityServer.certificate(), securityServer.keys().getPrivate(), lists,
                Map.of(networkServer, nsSsKey), recertification, certifier, clock, random, LIMITS);
    }

    public SecurityServerContext securityServerContext() {
        return securityServerContext(trust, Optional.empty(), certifier(), CLOCK);
    }

    public SessionContext sessionContext(Member member, Clock clock, TrustedLists lists, Optional<NetworkLink> link) {
        return new SessionContext(member.certificate(), member.keys().getPrivate(), lists, clock, random, LIMITS, link);
    }

    public SessionContext sessionContext(Member member) {
        return sessionContext(member, CLOCK, trust, Optional.empty());
    }

    public ModuleCertifier certifier() {
        return ModuleCertifier.of(securityServer.certificate(), securityServer.keys().getPrivate(), scheme, RECERTIFIED_VALIDITY);
    }

    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
