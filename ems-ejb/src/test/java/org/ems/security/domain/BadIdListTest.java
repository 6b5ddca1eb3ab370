package org.ems.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.security.domain.CertificateValidatorTest.assertRejected;
import static org.ems.security.domain.TestHierarchy.*;

import java.util.Arrays;
import java.util.Set;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.junit.jupiter.api.Test;

class BadIdListTest {

    private static final ModuleId BAD = SCHEME.idFor(ModuleRole.TRANSACTION, 12_345_678);

    @Test
    void signedListVerifiesAndRoundTrips() {
        BadIdList list = BadIdList.sign(3, Set.of(BAD, SS2_ID), NOW, PSS_ID, PSS_KEYS.getPrivate());
        list.verify(PSS_KEY_LIST);

        BadIdList decoded = BadIdList.decode(list.encoded());
        decoded.verify(PSS_KEY_LIST);
        assertThat(decoded).isEqualTo(list);
        assertThat(decoded.version()).isEqualTo(3);
        assertThat(decoded.ids()).containsExactlyInAnyOrder(BAD, SS2_ID);
        assertThat(decoded.contains(BAD)).isTrue();
        assertThat(decoded.contains(MODULE_ID)).isFalse();
        assertThat(decoded.signerId()).isEqualTo(PSS_ID);
        assertThat(decoded.issuedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> decoded.ids().add(MODULE_ID)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withAddedIsTheNextVersionAndKeepsTheOldIds() {
        BadIdList next = NO_BAD_IDS.withAdded(Set.of(BAD), NOW, PSS_ID, PSS_KEYS.getPrivate());
        BadIdList after = next.withAdded(Set.of(MODULE_ID), NOW, PSS_ID, PSS_KEYS.getPrivate());
        assertThat(next.version()).isEqualTo(NO_BAD_IDS.version() + 1);
        assertThat(after.version()).isEqualTo(NO_BAD_IDS.version() + 2);
        assertThat(after.ids()).containsExactlyInAnyOrder(BAD, MODULE_ID);
        after.verify(PSS_KEY_LIST);
        after.requireNewerThan(next.version());
        assertRejected(RejectionReason.STALE_VERSION, () -> next.requireNewerThan(next.version()));
    }

    @Test
    void tamperedSignatureIsRefused() {
        BadIdList list = BadIdList.sign(3, Set.of(BAD), NOW, PSS_ID, PSS_KEYS.getPrivate());
        byte[] encoded = list.encoded();
        encoded[encoded.length - 1] ^= 0x01; // last byte of the signature
        assertRejected(RejectionReason.BAD_SIGNATURE, () -> BadIdList.decode(encoded).verify(PSS_KEY_LIST));
    }

    @Test
    void removingAnIdFromASignedListIsRefused() {
        BadIdList list = BadIdList.sign(3, Set.of(BAD), NOW, PSS_ID, PSS_KEYS.getPrivate());
        SignedEnvelope original = SignedEnvelope.decode(list.encoded(), Purpose.BAD_ID_LIST, 1 << 20);
        byte[] emptied = new CanonicalWriter(Purpose.BAD_ID_LIST).putLong(3).putInstant(NOW).putLong(PSS_ID.value()).putInt(0).toBytes();
        byte[] forged = new SignedEnvelope(emptied, original.signature()).encoded();
        BadIdList decoded = BadIdList.decode(forged);
        assertThat(decoded.contains(BAD)).isFalse();
        assertRejected(RejectionReason.BAD_SIGNATURE, () -> decoded.verify(PSS_KEY_LIST));
    }

    @Test
    void signedByAPssOtherThanTheDesignatedIsRefused() {
        BadIdList bySecond = BadIdList.sign(3, Set.of(), NOW, PSS2_ID, PSS2_KEYS.getPrivate());
        assertRejected(RejectionReason.UNKNOWN_ISSUER, () -> bySecond.verify(PSS_KEY_LIST));
        BadIdList byRogue = BadIdList.sign(3, Set.of(), NOW, ROGUE_PSS_ID, ROGUE_KEYS.getPrivate());
        assertRejected(RejectionReason.UNKNOWN_ISSUER, () -> byRogue.verify(PSS_KEY_LIST));
    }

    @Test
    void namingTheDesignatedPssButSignedByAnotherKeyIsRefused() {
        BadIdList forged = BadIdList.sign(3, Set.of(), NOW, PSS_ID, ROGUE_KEYS.getPrivate());
        assertRejected(RejectionReason.BAD_SIGNATURE, () -> forged.verify(PSS_KEY_LIST));
    }

    @Test
    void malformedEncodingsAreRefused() {
        byte[] encoded = NO_BAD_IDS.encoded();
        assertRejected(RejectionReason.MALFORMED, () -> BadIdList.decode(Arrays.copyOf(encoded, encoded.length - 1)));
        assertRejected(RejectionReason.MALFORMED, () -> BadIdList.decode(PSS_KEY_LIST.encoded()));
        assertRejected(RejectionReason.MALFORMED, () -> BadIdList.decode(new byte[] {1, 2, 3}));
        byte[] unsorted = new CanonicalWriter(Purpose.BAD_ID_LIST).putLong(3).putInstant(NOW).putLong(PSS_ID.value())
                .putInt(2).putLong(9).putLong(5).toBytes();
        byte[] unsortedEnvelope = SignedEnvelope.sign(unsorted, PSS_KEYS.getPrivate()).encoded();
        assertRejected(RejectionReason.MALFORMED, () -> BadIdList.decode(unsortedEnvelope));
        byte[] overlong = new CanonicalWriter(Purpose.BAD_ID_LIST).putLong(3).putInstant(NOW).putLong(PSS_ID.value())
                .putInt(BadIdList.MAX_IDS + 1).toBytes();
        byte[] overlongEnvelope = new SignedEnvelope(overlong, Crypto.sign(PSS_KEYS.getPrivate(), overlong)).encoded();
        assertThatThrownBy(() -> BadIdList.decode(overlongEnvelope)).isInstanceOf(CertificateRejectedException.class)
                .hasMessageContaining("of " + (BadIdList.MAX_IDS + 1) + " ids"); // refused before reading ids
    }

    @Test
    void refusesNegativeVersions() {
        assertThatThrownBy(() -> BadIdList.sign(-1, Set.of(), NOW, PSS_ID, PSS_KEYS.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] negative = new CanonicalWriter(Purpose.BAD_ID_LIST).putLong(-1).putInstant(NOW).putLong(PSS_ID.value())
                .putInt(0).toBytes();
        byte[] encoded = SignedEnvelope.sign(negative, PSS_KEYS.getPrivate()).encoded();
        assertRejected(RejectionReason.MALFORMED, () -> BadIdList.decode(encoded));
    }
}
