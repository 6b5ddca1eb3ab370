package org.ems.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PublicKeyEncryptionTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] SECRET = "R(A) and a verification message".getBytes();

    @ParameterizedTest
    @EnumSource(KeyLength.class)
    void opensWithTheRecipientsKeyOnEveryCurve(KeyLength length) {
        KeyPair recipient = Crypto.generateKeyPair(length, RANDOM);
        byte[] sealed = PublicKeyEncryption.seal(recipient.getPublic(), Purpose.SIGN_ON_CHALLENGE, SECRET, RANDOM);

        assertThat(PublicKeyEncryption.open(recipient.getPrivate(), Purpose.SIGN_ON_CHALLENGE, sealed)).isEqualTo(SECRET);
        assertThat(indexOf(sealed, SECRET)).isNegative();
    }

    @Test
    void twoSealsOfTheSameSecretDiffer() {
        KeyPair recipient = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        assertThat(PublicKeyEncryption.seal(recipient.getPublic(), Purpose.SIGN_ON_CHALLENGE, SECRET))
                .isNotEqualTo(PublicKeyEncryption.seal(recipient.getPublic(), Purpose.SIGN_ON_CHALLENGE, SECRET));
    }

    @Test
    void refusesAnotherPurposeAnotherRecipientAndAnyAlteration() {
        KeyPair recipient = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        KeyPair other = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        byte[] sealed = PublicKeyEncryption.seal(recipient.getPublic(), Purpose.SIGN_ON_CHALLENGE, SECRET, RANDOM);

        assertRefused(() -> PublicKeyEncryption.open(recipient.getPrivate(), Purpose.SESSION_CHALLENGE, sealed));
        assertRefused(() -> PublicKeyEncryption.open(other.getPrivate(), Purpose.SIGN_ON_CHALLENGE, sealed));
        for (int i = 0; i < sealed.length; i += 7) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x10;
            assertRefused(() -> PublicKeyEncryption.open(recipient.getPrivate(), Purpose.SIGN_ON_CHALLENGE, altered));
        }
        assertRefused(() -> PublicKeyEncryption.open(recipient.getPrivate(), Purpose.SIGN_ON_CHALLENGE, Arrays.copyOf(sealed, sealed.length - 1)));
    }

    @Test
    void refusesAnEphemeralKeyOnAnotherCurve() {
        KeyPair recipient = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        KeyPair p384 = Crypto.generateKeyPair(KeyLength.P384, RANDOM);
        byte[] forP384 = PublicKeyEncryption.seal(p384.getPublic(), Purpose.SIGN_ON_CHALLENGE, SECRET, RANDOM);
        assertRefused(() -> PublicKeyEncryption.open(recipient.getPrivate(), Purpose.SIGN_ON_CHALLENGE, forP384));
    }

    @Test
    void boundsThePlaintext() {
        KeyPair recipient = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        assertThatThrownBy(() -> PublicKeyEncryption.seal(recipient.getPublic(), Purpose.SIGN_ON_CHALLENGE,
                new byte[PublicKeyEncryption.MAX_PLAINTEXT_BYTES + 1])).isInstanceOf(IllegalArgumentException.class);
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable open) {
        assertThatThrownBy(open).isInstanceOf(MalformedEncodingException.class);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
