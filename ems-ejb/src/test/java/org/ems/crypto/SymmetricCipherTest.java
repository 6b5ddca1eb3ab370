package org.ems.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SymmetricCipherTest {

    static final SecureRandom RANDOM = new SecureRandom();
    final byte[] key = new byte[SymmetricCipher.KEY_BYTES];
    final byte[] plain = "certificate, K and V".getBytes();

    SymmetricCipherTest() {
        RANDOM.nextBytes(key);
    }

    @Test
    void sealedBytesOpenWithTheSameKeyAndPurposeOnly() {
        byte[] sealed = SymmetricCipher.seal(key, Purpose.SIGN_ON_FORWARD, plain, RANDOM);
        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;

        assertThat(SymmetricCipher.open(key, Purpose.SIGN_ON_FORWARD, sealed)).isEqualTo(plain);
        assertThatThrownBy(() -> SymmetricCipher.open(key, Purpose.SIGN_ON_VERDICT, sealed)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> SymmetricCipher.open(otherKey, Purpose.SIGN_ON_FORWARD, sealed)).isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void anyAlterationOrTruncationIsRefused() {
        byte[] sealed = SymmetricCipher.seal(key, Purpose.SIGN_ON_FORWARD, plain, RANDOM);
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x04;
            assertThatThrownBy(() -> SymmetricCipher.open(key, Purpose.SIGN_ON_FORWARD, altered)).isInstanceOf(MalformedEncodingException.class);
        }
        assertThatThrownBy(() -> SymmetricCipher.open(key, Purpose.SIGN_ON_FORWARD, Arrays.copyOf(sealed, sealed.length - 1)))
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void theRawFormBindsNonceAndAdditionalData() {
        byte[] nonce = new byte[SymmetricCipher.NONCE_BYTES];
        byte[] cipherText = SymmetricCipher.encrypt(key, nonce, new byte[] {1}, plain);
        byte[] otherNonce = nonce.clone();
        otherNonce[11] = 1;

        assertThat(SymmetricCipher.decrypt(key, nonce, new byte[] {1}, cipherText)).isEqualTo(plain);
        assertThatThrownBy(() -> SymmetricCipher.decrypt(key, otherNonce, new byte[] {1}, cipherText)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> SymmetricCipher.decrypt(key, nonce, new byte[] {2}, cipherText)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> SymmetricCipher.encrypt(new byte[16], nonce, new byte[0], plain)).isInstanceOf(IllegalArgumentException.class);
    }
}
