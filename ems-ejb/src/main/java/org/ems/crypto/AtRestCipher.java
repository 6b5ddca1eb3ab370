package org.ems.crypto;

import java.security.SecureRandom;

/**
 * Seals data that must not lie in the database in clear (protocol states holding session keys,
 * K and V) under the server's master key. Each use names its purpose, so bytes sealed for one
 * use never open as another; sealing private keys stays with {@link PrivateKeyVault}.
 */
public final class AtRestCipher {

    private final byte[] key;
    private final SecureRandom random;

    public AtRestCipher(byte[] masterKey32, SecureRandom random) {
        if (masterKey32.length != SymmetricCipher.KEY_BYTES) {
            throw new IllegalArgumentException("master key must be " + SymmetricCipher.KEY_BYTES + " bytes");
        }
        this.key = masterKey32.clone();
        this.random = random;
    }

    public byte[] seal(Purpose purpose, byte[] plaintext) {
        return SymmetricCipher.seal(key, purpose, plaintext, random);
    }

    /** Opens what {@link #seal} made; tampered or foreign bytes: {@link MalformedEncodingException}. */
    public byte[] open(Purpose purpose, byte[] sealed) {
        return SymmetricCipher.open(key, purpose, sealed);
    }

    @Override
    public String toString() {
        return "AtRestCipher[key hidden]";
    }
}
