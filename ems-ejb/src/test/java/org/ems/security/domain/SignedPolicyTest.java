package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.security.domain.CertificateValidatorTest.assertRejected;
import static org.ems.security.domain.TestHierarchy.*;

import java.time.Duration;
import java.time.Instant;
import org.ems.crypto.KeyLength;
import org.junit.jupiter.api.Test;

/** The key-length policy and the global recertification call, and their signed forms. */
class SignedPolicyTest {

    private static final KeyLengthPolicy POLICY = new KeyLengthPolicy(4, KeyLength.P384, KeyLength.P256);

    @Test
    void policyRequiresPerRole() {
        assertThat(POLICY.requiredFor(ModuleRole.PRIMARY_SECURITY_SERVER)).isEqualTo(KeyLength.P521);
        assertThat(POLICY.requiredFor(ModuleRole.SECURITY_SERVER)).isEqualTo(KeyLength.P384);
        assertThat(POLICY.requiredFor(ModuleRole.TELLER)).isEqualTo(KeyLength.P256);
        assertThat(POLICY.isSatisfiedBy(MODULE_CERT)).isTrue();
        assertThat(POLICY.isSatisfiedBy(SS_CERT)).isFalse();
        assertThatThrownBy(() -> new KeyLengthPolicy(-1, KeyLength.P256, KeyLength.P256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signedPolicyRoundTripsAndVerifies() {
        SignedKeyLengthPolicy signed = SignedKeyLengthPolicy.sign(POLICY, PSS_ID, PSS_KEYS.getPrivate());
        SignedKeyLengthPolicy decoded = SignedKeyLengthPolicy.decode(signed.encoded());
        decoded.verify(PSS_KEY_LIST);
        assertThat(decoded).isEqualTo(signed);
        assertThat(decoded.policy()).isEqualTo(POLICY);
        assertThat(KeyLengthPolicy.decodeVerified(POLICY.sign(PSS_ID, PSS_KEYS.getPrivate()), PSS_KEY_LIST)).isEqualTo(POLICY);
    }

    @Test
    void policyFromANonDesignatedOrForgedSignerIsRefused() {
        assertRejected(RejectionReason.UNKNOWN_ISSUER,
                () -> SignedKeyLengthPolicy.sign(POLICY, PSS2_ID, PSS2_KEYS.getPrivate()).verify(PSS_KEY_LIST));
        assertRejected(RejectionReason.BAD_SIGNATURE,
                () -> SignedKeyLengthPolicy.sign(POLICY, PSS_ID, ROGUE_KEYS.getPrivate()).verify(PSS_KEY_LIST));
        byte[] encoded = POLICY.sign(PSS_ID, PSS_KEYS.getPrivate());
        encoded[encoded.length - 2] ^= 0x10;
        assertRejected(RejectionReason.BAD_SIGNATURE, () -> KeyLengthPolicy.decodeVerified(encoded, PSS_KEY_LIST));
        assertRejected(RejectionReason.MALFORMED, () -> SignedKeyLengthPolicy.decode(NO_BAD_IDS.encoded()));
    }

    @Test
    void recertificationWindowIsHalfOpenAndConcernsOlderCertificatesOnly() {
        Instant from = NOW;
        Instant until = NOW.plus(Duration.ofDays(7));
        GlobalRecertification call = new GlobalRecertification(PSS2_ID, from, until);
        // MODULE_CERT was issued a day before NOW
        assertThat(call.requiresRecertification(MODULE_CERT, from)).isTrue();
        assertThat(call.requiresRecertification(MODULE_CERT, until.minusMillis(1))).isTrue();
        assertThat(call.requiresRecertification(MODULE_CERT, until)).isFalse();
        assertThat(call.requiresRecertification(MODULE_CERT, from.minusMillis(1))).isFalse();

        GlobalRecertification earlier = new GlobalRecertification(PSS2_ID, ISSUED, until);
        assertThat(earlier.requiresRecertification(MODULE_CERT, NOW)).as("issued exactly at from").isFalse();
        assertThatThrownBy(() -> new GlobalRecertification(PSS2_ID, until, from)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signedRecertificationRoundTripsAndAnyActivePssMayCallIt() {
        GlobalRecertification call = new GlobalRecertification(PSS2_ID, NOW.plusNanos(5), NOW.plus(Duration.ofDays(7)));
        SignedGlobalRecertification signed = SignedGlobalRecertification.sign(call, PSS2_KEYS.getPrivate());
        SignedGlobalRecertification decoded = SignedGlobalRecertification.decode(signed.encoded());
        decoded.verify(PSS_KEY_LIST);
        assertThat(decoded.call()).isEqualTo(call);
        assertThat(GlobalRecertification.decodeVerified(call.sign(PSS2_KEYS.getPrivate()), PSS_KEY_LIST)).isEqualTo(call);
    }

    @Test
    void recertificationFromAnOutsiderOrForgedIsRefused() {
        GlobalRecertification byRogue = new GlobalRecertification(ROGUE_PSS_ID, NOW, NOW.plusSeconds(60));
        assertRejected(RejectionReason.UNKNOWN_ISSUER,
                () -> SignedGlobalRecertification.sign(byRogue, ROGUE_KEYS.getPrivate()).verify(PSS_KEY_LIST));
        GlobalRecertification impersonating = new GlobalRecertification(PSS_ID, NOW, NOW.plusSeconds(60));
        assertRejected(RejectionReason.BAD_SIGNATURE,
                () -> SignedGlobalRecertification.sign(impersonating, ROGUE_KEYS.getPrivate()).verify(PSS_KEY_LIST));
    }
}
