package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.security.domain.CertificateValidatorTest.assertRejected;
import static org.ems.security.domain.TestHierarchy.*;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Map;
import org.ems.crypto.CanonicalWriter;
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
    void signRefusesEmptyOrOversizedLists() {
        assertThatThrownBy(() -> PssKeyList.sign(2, Map.of(), PSS_ID, NOW, PSS_KEYS.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..");
        Map<ModuleId, java.security.PublicKey> many = new java.util.HashMap<>();
        for (long residue = 10; many.size() <= PssKeyList.MAX_SERVERS; residue++) {
            many.put(SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, residue), PSS_KEYS.getPublic());
        }
        many.put(PSS_ID, PSS_KEYS.getPublic());
        assertThatThrownBy(() -> PssKeyList.sign(2, many, PSS_ID, NOW, PSS_KEYS.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..");
    }

    @Test
    void decodedListsMustBeCanonicalAndComplete() {
        byte[] pss = PSS_KEYS.getPublic().getEncoded();
        byte[] pss2 = PSS2_KEYS.getPublic().getEncoded();
        long low = Math.min(PSS_ID.value(), PSS2_ID.value());
        long high = Math.max(PSS_ID.value(), PSS2_ID.value());
        // ids descending: a second encoding of the same list
        assertMalformedList(header(1, PSS_ID).putInt(2).putLong(high).putBytes(pss).putLong(low).putBytes(pss2), "ascending");
        // the designated PSS not listed
        assertMalformedList(header(1, PSS_ID).putInt(1).putLong(PSS2_ID.value()).putBytes(pss2), "designated");
        // a negative version
        assertMalformedList(header(-1, PSS_ID).putInt(1).putLong(PSS_ID.value()).putBytes(pss), "negative");
        // no servers, too many servers
        assertMalformedList(header(1, PSS_ID).putInt(0), "of 0 servers");
        assertMalformedList(header(1, PSS_ID).putInt(PssKeyList.MAX_SERVERS + 1), "of " + (PssKeyList.MAX_SERVERS + 1) + " servers");
        // a PSS with a P-256 key
        byte[] p256 = Crypto.generateKeyPair(KeyLength.P256, RANDOM).getPublic().getEncoded();
        assertMalformedList(header(1, PSS_ID).putInt(1).putLong(PSS_ID.value()).putBytes(p256), "P256");
    }

    private static CanonicalWriter header(long version, ModuleId designated) {
        return new CanonicalWriter(Purpose.PSS_KEY_LIST).putLong(version).putInstant(NOW).putLong(designated.value());
    }

    private static void assertMalformedList(CanonicalWriter payload, String why) {
        byte[] encoded = SignedEnvelope.sign(payload.toBytes(), PSS_KEYS.getPrivate()).encoded();
        assertThatThrownBy(() -> PssKeyList.decode(encoded)).isInstanceOfSatisfying(CertificateRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED)).hasMessageContaining(why);
    }

    @Test
    void malformedEncodingsAreRefused() {
        byte[] encoded = PSS_KEY_LIST.encoded();
        assertRejected(RejectionReason.MALFORMED, () -> PssKeyList.decode(Arrays.copyOf(encoded, encoded.length - 1)));
        assertRejected(RejectionReason.MALFORMED, () -> PssKeyList.decode(NO_BAD_IDS.encoded()));
        assertRejected(RejectionReason.MALFORMED, () -> PssKeyList.decode(new byte[0]));
    }
}
