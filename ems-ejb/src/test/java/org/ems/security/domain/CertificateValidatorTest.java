package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.security.domain.TestHierarchy.*;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every step of "Certificate Structure And Validation", each fed its bad case. */
class CertificateValidatorTest {

    @Test
    void acceptsAValidChain() {
        validator().validateSecurityServer(SS_CERT, ExpiryCheck.ENFORCE);
        validator().validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
        assertThat(validator().decodeAndValidateModule(MODULE_CERT.encoded(), ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE))
                .isEqualTo(MODULE_CERT);
    }

    @Test
    void acceptsASecurityServerCertifiedByTheSecondActivePss() {
        validator().validateSecurityServer(SS2_CERT, ExpiryCheck.ENFORCE);
    }

    @Nested
    class StepA_IssuerIsAnActivePss {

        @Test
        void forgedByAPssNotInTheList() {
            Certificate forged = CertificateIssuer.certifySecurityServer(ROGUE_PSS_ID, ROGUE_KEYS.getPrivate(), SS_ID,
                    SS_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME);
            assertRejected(RejectionReason.UNKNOWN_ISSUER, () -> validator().validateSecurityServer(forged, ExpiryCheck.ENFORCE));
            Certificate module = forgeModule(MODULE_ID, ModuleRole.TRANSACTION, ISSUED, EXPIRES, SS_KEYS, forged);
            assertRejected(RejectionReason.UNKNOWN_ISSUER,
                    () -> validator().validateModule(module, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void maskedIssuerThatUnmasksToNoId() {
            Certificate forged = forge(SS_ID, ModuleRole.SECURITY_SERVER, SS_KEYS, ISSUED, EXPIRES, SCHEME.c(), PSS_KEYS, null);
            assertRejected(RejectionReason.UNKNOWN_ISSUER, () -> validator().validateSecurityServer(forged, ExpiryCheck.ENFORCE));
        }

        @Test
        void issuerListedAsPssButWhoseIdIsNotAPssId() {
            // a PSS key list (wrongly) naming a security server id as a PSS: the id check still holds
            PssKeyList wrongList = PssKeyList.sign(1, java.util.Map.of(SS2_ID, PSS_KEYS.getPublic()), SS2_ID, NOW,
                    PSS_KEYS.getPrivate());
            CertificateValidator validator = new CertificateValidator(SCHEME, wrongList, NO_BAD_IDS, CLOCK);
            Certificate cert = forge(SS_ID, ModuleRole.SECURITY_SERVER, SS_KEYS, ISSUED, EXPIRES, SCHEME.mask(SS2_ID), PSS_KEYS, null);
            assertRejected(RejectionReason.ID_NOT_AUTHENTIC, () -> validator.validateSecurityServer(cert, ExpiryCheck.ENFORCE));
        }

        @Test
        void issuerIdNotMaskedWithC() {
            Certificate forged = forge(SS_ID, ModuleRole.SECURITY_SERVER, SS_KEYS, ISSUED, EXPIRES, PSS_ID.value(), PSS_KEYS, null);
            assertRejected(RejectionReason.UNKNOWN_ISSUER, () -> validator().validateSecurityServer(forged, ExpiryCheck.ENFORCE));
        }
    }

    @Nested
    class StepB_Structure {

        @Test
        void malformedAndTruncatedBytes() {
            byte[] encoded = MODULE_CERT.encoded();
            assertRejected(RejectionReason.MALFORMED, () ->
                    validator().decodeAndValidateModule(Arrays.copyOf(encoded, encoded.length - 3), ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
            byte[] garbage = encoded.clone();
            garbage[9] ^= 0x40; // inside the payload's purpose tag
            assertRejected(RejectionReason.MALFORMED, () ->
                    validator().decodeAndValidateModule(garbage, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }
    }

    @Nested
    class StepC_IdAuthenticForItsRole {

        @Test
        void moduleIdOutsideItsRolesRange() {
            ModuleId tellerId = SCHEME.idFor(ModuleRole.TELLER, 1_500_000);
            Certificate forged = forgeModule(tellerId, ModuleRole.TRANSACTION, ISSUED, EXPIRES, SS_KEYS, SS_CERT);
            assertRejected(RejectionReason.ID_NOT_AUTHENTIC,
                    () -> validator().validateModule(forged, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void moduleIdThatIsNoIdOfAnyRole() {
            Certificate forged = forgeModule(new ModuleId(SCHEME.p() - 1), ModuleRole.TRANSACTION, ISSUED, EXPIRES, SS_KEYS, SS_CERT);
            assertRejected(RejectionReason.ID_NOT_AUTHENTIC,
                    () -> validator().validateModule(forged, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void securityServerIdOutsideItsRange() {
            ModuleId transactionId = SCHEME.idFor(ModuleRole.TRANSACTION, 20_000_000);
            Certificate forged = forge(transactionId, ModuleRole.SECURITY_SERVER, SS_KEYS, ISSUED, EXPIRES, SCHEME.mask(PSS_ID),
                    PSS_KEYS, null);
            assertRejected(RejectionReason.ID_NOT_AUTHENTIC, () -> validator().validateSecurityServer(forged, ExpiryCheck.ENFORCE));
        }

        @Test
        void certificateOfAnotherRoleThanExpected() {
            assertRejected(RejectionReason.WRONG_ROLE,
                    () -> validator().validateModule(MODULE_CERT, ModuleRole.TELLER, ExpiryCheck.ENFORCE));
            assertRejected(RejectionReason.WRONG_ROLE,
                    () -> validator().validateModule(SS_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void expectedRoleMustBeAModuleRole() {
            assertThatThrownBy(() -> validator().validateModule(MODULE_CERT, ModuleRole.SECURITY_SERVER, ExpiryCheck.ENFORCE))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void badListedModule() {
            assertRejected(RejectionReason.BAD_LISTED,
                    () -> validatorBadListing(MODULE_ID).validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void badListedIssuingSecurityServer() {
            assertRejected(RejectionReason.BAD_LISTED,
                    () -> validatorBadListing(SS_ID).validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
            assertRejected(RejectionReason.BAD_LISTED,
                    () -> validatorBadListing(SS_ID).validateSecurityServer(SS_CERT, ExpiryCheck.IGNORE));
        }

        @Test
        void badListingOthersChangesNothing() {
            validatorBadListing(SS2_ID, SCHEME.idFor(ModuleRole.TRANSACTION, 12_000_001))
                    .validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
        }
    }

    @Nested
    class StepD_DateValid {

        @Test
        void expiredModuleCertificate() {
            assertRejected(RejectionReason.EXPIRED,
                    () -> validatorAt(EXPIRES).validateModule(expiringModule(), ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
            validatorAt(EXPIRES.minusMillis(1)).validateModule(expiringModule(), ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
        }

        @Test
        void expiredSecurityServerCertificateFailsTheModuleToo() {
            Certificate shortSs = CertificateIssuer.certifySecurityServer(PSS_ID, PSS_KEYS.getPrivate(), SS_ID, SS_KEYS.getPublic(),
                    ISSUED, NOW, SCHEME);
            Certificate module = CertificateIssuer.certifyModule(shortSs, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                    MODULE_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME);
            assertRejected(RejectionReason.EXPIRED, () -> validator().validateModule(module, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
            validator().validateModule(module, ModuleRole.TRANSACTION, ExpiryCheck.IGNORE);
        }

        @Test
        void ignoringExpiryLetsAnExpiredCertificateSignOnForRecertification() {
            Instant later = EXPIRES.plus(Duration.ofDays(30));
            validatorAt(later).validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.IGNORE);
            assertRejected(RejectionReason.EXPIRED,
                    () -> validatorAt(later).validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void issuedInTheFutureIsRefusedEvenWhenIgnoringExpiry() {
            Certificate future = CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                    MODULE_KEYS.getPublic(), NOW.plusSeconds(10), EXPIRES, SCHEME);
            assertRejected(RejectionReason.EXPIRED, () -> validator().validateModule(future, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
            assertRejected(RejectionReason.EXPIRED, () -> validator().validateModule(future, ModuleRole.TRANSACTION, ExpiryCheck.IGNORE));
            validator().withClockSkewTolerance(Duration.ofSeconds(10))
                    .validateModule(future, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
        }

        @Test
        void securityServerIssuedInTheFuture() {
            Certificate future = CertificateIssuer.certifySecurityServer(PSS_ID, PSS_KEYS.getPrivate(), SS_ID, SS_KEYS.getPublic(),
                    NOW.plusMillis(1), EXPIRES, SCHEME);
            assertRejected(RejectionReason.EXPIRED, () -> validator().validateSecurityServer(future, ExpiryCheck.IGNORE));
        }

        @Test
        void clockSkewToleranceIsBounded() {
            assertThatThrownBy(() -> validator().withClockSkewTolerance(Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> validator().withClockSkewTolerance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        }

        private Certificate expiringModule() {
            return CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                    MODULE_KEYS.getPublic(), ISSUED, EXPIRES, SCHEME);
        }
    }

    @Nested
    class StepE_Signature {

        @Test
        void tamperedSignature() {
            byte[] signature = MODULE_CERT.signature();
            signature[signature.length - 1] ^= 0x01;
            Certificate tampered = Certificate.assemble(MODULE_CERT.signedPayload(), signature, SS_CERT);
            assertRejected(RejectionReason.BAD_SIGNATURE,
                    () -> validator().validateModule(tampered, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void aCopyForOneCheckStillRefusesATamperedCertificateAfterTheGenuineOneVerified() {
            CertificateValidator oneCheck = validator().forOneCheck();
            oneCheck.validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
            oneCheck.validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
            byte[] signature = MODULE_CERT.signature();
            signature[signature.length - 1] ^= 0x01;
            Certificate tampered = Certificate.assemble(MODULE_CERT.signedPayload(), signature, SS_CERT);
            assertRejected(RejectionReason.BAD_SIGNATURE, () -> oneCheck.validateModule(tampered, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
            byte[] raised = Certificate.payload(MODULE_ID, ModuleRole.TRANSACTION, MODULE_KEYS.getPublic(), ISSUED,
                    EXPIRES.plus(Duration.ofDays(3650)), SCHEME.mask(SS_ID));
            Certificate longer = Certificate.assemble(raised, MODULE_CERT.signature(), SS_CERT);
            assertRejected(RejectionReason.BAD_SIGNATURE, () -> oneCheck.validateModule(longer, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void tamperedBodyRaisingTheExpiry() {
            byte[] raised = Certificate.payload(MODULE_ID, ModuleRole.TRANSACTION, MODULE_KEYS.getPublic(), ISSUED,
                    EXPIRES.plus(Duration.ofDays(3650)), SCHEME.mask(SS_ID));
            Certificate tampered = Certificate.assemble(raised, MODULE_CERT.signature(), SS_CERT);
            assertThat(tampered.expiresAt()).isAfter(MODULE_CERT.expiresAt());
            assertRejected(RejectionReason.BAD_SIGNATURE,
                    () -> validator().validateModule(tampered, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void tamperedBodySwappingThePublicKey() {
            KeyPair attacker = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
            byte[] swapped = Certificate.payload(MODULE_ID, ModuleRole.TRANSACTION, attacker.getPublic(), ISSUED, EXPIRES,
                    SCHEME.mask(SS_ID));
            Certificate tampered = Certificate.assemble(swapped, MODULE_CERT.signature(), SS_CERT);
            assertRejected(RejectionReason.BAD_SIGNATURE,
                    () -> validator().validateModule(tampered, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void moduleCertificateSignedByAnotherKey() {
            Certificate forged = forgeModule(MODULE_ID, ModuleRole.TRANSACTION, ISSUED, EXPIRES, MODULE_KEYS, SS_CERT);
            assertRejected(RejectionReason.BAD_SIGNATURE,
                    () -> validator().validateModule(forged, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void securityServerCertificateForgedUnderAListedPssId() {
            Certificate forged = forge(SS_ID, ModuleRole.SECURITY_SERVER, SS_KEYS, ISSUED, EXPIRES, SCHEME.mask(PSS_ID),
                    ROGUE_KEYS, null);
            assertRejected(RejectionReason.BAD_SIGNATURE, () -> validator().validateSecurityServer(forged, ExpiryCheck.ENFORCE));
        }

        @Test
        void tamperedSecurityServerCertificateInsideAValidModuleCertificate() {
            byte[] raised = Certificate.payload(SS_ID, ModuleRole.SECURITY_SERVER, SS_KEYS.getPublic(), ISSUED,
                    EXPIRES.plus(Duration.ofDays(3650)), SCHEME.mask(PSS_ID));
            Certificate tamperedSs = Certificate.assemble(raised, SS_CERT.signature(), null);
            Certificate module = Certificate.assemble(MODULE_CERT.signedPayload(), MODULE_CERT.signature(), tamperedSs);
            assertRejected(RejectionReason.BAD_SIGNATURE,
                    () -> validator().validateModule(module, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void signatureOfAnotherPurposeDoesNotPassAsACertificate() {
            // the same fields signed under MODULE_CERTIFICATE cannot be re-tagged as a security server certificate
            byte[] payload = MODULE_CERT.signedPayload();
            byte[] retagged = payload.clone();
            byte[] tag = new CanonicalWriter(Purpose.SECURITY_SERVER_CERTIFICATE).toBytes();
            System.arraycopy(tag, 0, retagged, 0, tag.length);
            assertThat(retagged).isNotEqualTo(payload);
            assertThat(Crypto.verify(SS_KEYS.getPublic(), retagged, MODULE_CERT.signature())).isFalse();
        }
    }

    @Nested
    class ModuleLink_WrongIssuer {

        @Test
        void moduleCertificateCarryingAnotherSecurityServersCertificate() {
            Certificate swapped = Certificate.assemble(MODULE_CERT.signedPayload(), MODULE_CERT.signature(), SS2_CERT);
            assertRejected(RejectionReason.WRONG_ISSUER,
                    () -> validator().validateModule(swapped, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void moduleCertificateNamingTheAttachedServerButSignedByAnother() {
            Certificate forged = forge(MODULE_ID, ModuleRole.TRANSACTION, MODULE_KEYS, ISSUED, EXPIRES, SCHEME.mask(SS2_ID),
                    SS_KEYS, SS2_CERT);
            assertRejected(RejectionReason.BAD_SIGNATURE,
                    () -> validator().validateModule(forged, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }
    }

    @Nested
    class KeyLengthPolicyStep {

        @Test
        void moduleKeyShorterThanThePolicy() {
            CertificateValidator strict = validator().withKeyLengthPolicy(new KeyLengthPolicy(2, KeyLength.P256, KeyLength.P384));
            assertRejected(RejectionReason.KEY_TOO_SHORT,
                    () -> strict.validateModule(MODULE_CERT, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE));
        }

        @Test
        void securityServerKeyShorterThanThePolicy() {
            CertificateValidator strict = validator().withKeyLengthPolicy(new KeyLengthPolicy(2, KeyLength.P384, KeyLength.P256));
            assertRejected(RejectionReason.KEY_TOO_SHORT, () -> strict.validateSecurityServer(SS_CERT, ExpiryCheck.ENFORCE));
        }

        @Test
        void longEnoughKeysPass() {
            KeyPair p384 = Crypto.generateKeyPair(KeyLength.P384, RANDOM);
            Certificate cert = CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), MODULE_ID, ModuleRole.TRANSACTION,
                    p384.getPublic(), ISSUED, EXPIRES, SCHEME);
            validator().withKeyLengthPolicy(new KeyLengthPolicy(2, KeyLength.P256, KeyLength.P384))
                    .validateModule(cert, ModuleRole.TRANSACTION, ExpiryCheck.ENFORCE);
        }
    }

    static void assertRejected(RejectionReason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CertificateRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
