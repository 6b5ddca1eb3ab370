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

    /**
     * Seals bytes that belong to one owner (a row's key): opening them for another owner fails,
     * so sealed values cannot be swapped between rows.
     */
    public byte[] seal(Purpose purpose, String owner, byte[] plaintext) {
        return seal(purpose, new CanonicalWriter(purpose).putString(owner).putBytes(plaintext).toBytes());
    }

    /** Opens what {@link #seal(Purpose, String, byte[])} sealed for the same owner. */
    public byte[] open(Purpose purpose, String owner, byte[] sealed) {
        CanonicalReader reader = new CanonicalReader(open(purpose, sealed), purpose);
        String sealedFor = reader.getString();
        if (!sealedFor.equals(owner)) {
            throw new MalformedEncodingException("sealed for " + sealedFor + ", not " + owner);
        }
        byte[] plaintext = reader.getBytes(SymmetricCipher.MAX_PLAINTEXT_BYTES);
        reader.end();
        return plaintext;
    }

    @Override
    public String toString() {
        return "AtRestCipher[key hidden]";
    }
}
