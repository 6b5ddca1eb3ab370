package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.security.domain.CertificateValidatorTest.assertRejected;
import static org.ems.security.domain.TestHierarchy.*;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Map;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.junit.jupiter.api.Test;

class PssKeyListTest {

    @Test
    void signedListVerifiesAndRoundTrips() {
        PSS_KEY_LIST.verify();
        PssKeyList decoded = PssKeyList.decode(PSS_KEY_LIST.encoded());
        decoded.verify();
        assertThat(decoded).isEqualTo(PSS_KEY_LIST);
        assertThat(decoded.version()).isEqualTo(1);
        assertThat(decoded.designated()).isEqualTo(PSS_ID);
        assertThat(decoded.keyOf(PSS2_ID)).contains(PSS2_KEYS.getPublic());
        assertThat(decoded.keyOf(ROGUE_PSS_ID)).isEmpty();
        assertThat(decoded.keys()).containsOnlyKeys(PSS_ID, PSS2_ID);
        assertThat(decoded.issuedAt()).isEqualTo(NOW);
    }

    @Test
    void listSignedByANonListedKeyIsRefused() {
        // the designated PSS's entry, but the signature made by a key that is not listed anywhere
        SignedEnvelope genuine = SignedEnvelope.decode(PSS_KEY_LIST.encoded(), Purpose.PSS_KEY_LIST, 1 << 16);
        byte[] forged = SignedEnvelope.sign(genuine.payload(), ROGUE_KEYS.getPrivate()).encoded();
        assertRejected(RejectionReason.BAD_SIGNATURE, () -> PssKeyList.decode(forged).verify());
    }

    @Test
    void signRefusesAKeyThatIsNotTheDesignatedsListedKey() {
        assertThatThrownBy(() -> PssKeyList.sign(2, Map.of(PSS_ID, PSS_KEYS.getPublic()), PSS_ID, NOW, ROGUE_KEYS.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PssKeyList.sign(2, Map.of(PSS_ID, PSS_KEYS.getPublic()), PSS2_ID, NOW, PSS2_KEYS.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void primarySecurityServerKeysAreP521() {
        KeyPair p256 = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        assertThatThrownBy(() -> PssKeyList.sign(2, Map.of(PSS_ID, p256.getPublic()), PSS_ID, NOW, p256.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void successorSignedByAnActivePssIsAccepted() {
        PssKeyList next = PssKeyList.sign(2, Map.of(PSS2_ID, PSS2_KEYS.getPublic(), ROGUE_PSS_ID, ROGUE_KEYS.getPublic()),
                PSS2_ID, NOW, PSS2_KEYS.getPrivate());
        next.verifyAgainst(PSS_KEY_LIST);
    }

    @Test
    void selfConsistentListFromAnOutsiderIsRefusedAsASuccessor() {
        PssKeyList takeover = PssKeyList.sign(2, Map.of(ROGUE_PSS_ID, ROGUE_KEYS.getPublic()), ROGUE_PSS_ID, NOW,
                ROGUE_KEYS.getPrivate());
        takeover.verify(); // consistent with itself...
        assertRejected(RejectionReason.UNKNOWN_ISSUER, () -> takeover.verifyAgainst(PSS_KEY_LIST)); // ...but not trusted
    }

    @Test
    void listedIdWithASwappedKeyIsRefusedAsASuccessor() {
        // claims to come from the designated PSS, lists a new key for it and signs with that key
        PssKeyList swapped = PssKeyList.sign(2, Map.of(PSS_ID, ROGUE_KEYS.getPublic()), PSS_ID, NOW, ROGUE_KEYS.getPrivate());
        assertRejected(RejectionReason.BAD_SIGNATURE, () -> swapped.verifyAgainst(PSS_KEY_LIST));
    }

    @Test
    void olderOrSameVersionIsStale() {
        PssKeyList same = PssKeyList.sign(1, Map.of(PSS_ID, PSS_KEYS.getPublic()), PSS_ID, NOW, PSS_KEYS.getPrivate());
        assertRejected(RejectionReason.STALE_VERSION, () -> same.verifyAgainst(PSS_KEY_LIST));
    }

    @Test
    void malformedEncodingsAreRefused() {
        byte[] encoded = PSS_KEY_LIST.encoded();
        assertRejected(RejectionReason.MALFORMED, () -> PssKeyList.decode(Arrays.copyOf(encoded, encoded.length - 1)));
        assertRejected(RejectionReason.MALFORMED, () -> PssKeyList.decode(NO_BAD_IDS.encoded()));
        assertRejected(RejectionReason.MALFORMED, () -> PssKeyList.decode(new byte[0]));
    }
}
