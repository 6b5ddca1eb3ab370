package org.ems.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrivateKeyVaultTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair KEYS = Crypto.generateKeyPair(KeyLength.P256, RANDOM);

    private final PrivateKeyVault vault = new PrivateKeyVault(masterKey());

    @Test
    void sealedKeyOpensToAWorkingKey() {
        PrivateKey opened = vault.open(vault.seal(KEYS.getPrivate()));

        byte[] payload = "x".getBytes(StandardCharsets.UTF_8);
        assertThat(Crypto.verify(KEYS.getPublic(), payload, Crypto.sign(opened, payload))).isTrue();
        assertThat(opened.getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    }

    @Test
    void sealedFormHidesTheKeyAndUsesAFreshNonce() {
        byte[] first = vault.seal(KEYS.getPrivate());
        byte[] second = vault.seal(KEYS.getPrivate());
        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
        byte[] plain = KEYS.getPrivate().getEncoded();
        assertThat(indexOf(first, Arrays.copyOfRange(plain, plain.length - 16, plain.length))).isEqualTo(-1);
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] sealed = vault.seal(KEYS.getPrivate());
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> vault.open(tampered)).as("byte %d", i).isInstanceOf(MalformedEncodingException.class);
        }
    }

    @Test
    void truncatedOrExtendedIsDetected() {
        byte[] sealed = vault.seal(KEYS.getPrivate());
        assertThatThrownBy(() -> vault.open(Arrays.copyOf(sealed, sealed.length - 1))).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> vault.open(Arrays.copyOf(sealed, sealed.length + 1))).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> vault.open(new byte[] {1, 0, 0, 0, 0})).isInstanceOf(MalformedEncodingException.class);
        byte[] huge = new byte[4096];
        huge[0] = 1;
        assertThatThrownBy(() -> vault.open(huge)).isInstanceOf(MalformedEncodingException.class).hasMessageContaining("4096 bytes");
    }

    @Test
    void anotherMasterKeyCannotOpen() {
        byte[] sealed = vault.seal(KEYS.getPrivate());
        assertThatThrownBy(() -> new PrivateKeyVault(masterKey()).open(sealed)).isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void contextIsBound() {
        byte[] sealed = vault.seal(KEYS.getPrivate(), "module 42");
        assertThat(vault.open(sealed, "module 42").getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
        assertThatThrownBy(() -> vault.open(sealed, "module 43")).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> vault.open(sealed)).isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void masterKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new PrivateKeyVault(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThat(vault.toString()).doesNotContainIgnoringCase("key=");
    }

    private static byte[] masterKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        return -1;
    }
}
