package org.ems.bench;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ExpiryCheck;
import org.ems.security.domain.KeyLengthPolicy;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.PssKeyList;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Validation of a full two-tier module certificate chain (P-521 PSS -> P-256 SS -> P-256
 * module, P-256 policy) beside its floors measured in the same run: the raw ECDSA verifications
 * it contains. One module validation = one P-521 verify (Cert(SS)) + one P-256 verify (Cert(M)),
 * so its floor rate is 1 / (1/p521 + 1/p256).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CertificateValidationBenchmark {

    private Certificate ssCertificate;
    private Certificate moduleCertificate;
    private KeyPair pssKeys;
    private KeyPair ssKeys;
    private CertificateValidator validator;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        NumberingScheme scheme = NumberingScheme.generate(random);
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        ModuleId pssId = scheme.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 2);
        pssKeys = Crypto.generateKeyPair(KeyLength.P521, random);
        ModuleId ssId = scheme.idFor(ModuleRole.SECURITY_SERVER, 100_000);
        ssKeys = Crypto.generateKeyPair(KeyLength.P256, random);
        KeyPair moduleKeys = Crypto.generateKeyPair(KeyLength.P256, random);
        ssCertificate = CertificateIssuer.certifySecurityServer(pssId, pssKeys.getPrivate(), ssId, ssKeys.getPublic(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), scheme);
        moduleCertificate = CertificateIssuer.certifyModule(ssCertificate, ssKeys.getPrivate(),
                scheme.idFor(ModuleRole.TRANSACTION, 12_000_000), ModuleRole.TRANSACTION, moduleKeys.getPublic(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), scheme);
        PssKeyList pssList = PssKeyList.sign(1, Map.of(pssId, pssKeys.getPublic()), pssId, now, pssKeys.getPrivate());
        // a bad-ID list with some entries, so the lookups are not trivially empty
        Set<ModuleId> bad = new java.util.HashSet<>();
        for (long residue = 13_000_000; residue < 13_001_000; residue++) {
            bad.add(scheme.idFor(ModuleRole.TRANSACTION, residue));
        }
        BadIdList badIds = BadIdList.sign(1, bad, now, pssId, pssKeys.getPrivate());
        validator = new CertificateValidator(scheme, pssList, badIds, Clock.fixed(now, ZoneOffset.UTC))
                .withKeyLengthPolicy(new KeyLengthPolicy(1, KeyLength.P256, KeyLength.P256));
        validator.validateModule(moduleCertificate, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE); // must pass
    }

    /** Every step of the patent's validation, both tiers, nothing cached between calls. */
    @Benchmark
    public void validateModuleChain() {
        validator.validateModule(moduleCertificate, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
    }

    /** Floor: the P-256 verification of Cert(M) by the security server. */
    @Benchmark
    public boolean verifyP256() {
        return Crypto.verify(ssKeys.getPublic(), moduleCertificate.signedPayload(), moduleCertificate.signature());
    }

    /** Floor: the P-521 verification of Cert(SS) by the primary security server. */
    @Benchmark
    public boolean verifyP521() {
        return Crypto.verify(pssKeys.getPublic(), ssCertificate.signedPayload(), ssCertificate.signature());
    }

    /** Decoding a stored/received module certificate (both tiers, two public keys). */
    @Benchmark
    public Certificate decodeModuleCertificate() {
        return Certificate.decode(moduleCertificate.encoded());
    }
}
