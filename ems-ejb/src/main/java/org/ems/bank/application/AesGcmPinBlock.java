package org.ems.bank.application;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.ems.bank.domain.BankId;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.SymmetricCipher;

/**
 * The built-in bank's PIN block: {@code nonce(12) || AES-256-GCM(pinKey, nonce, aad, ASCII digits)},
 * 32-44 bytes for a 4-16 digit PIN, where the additional data binds the block to one bank and one
 * request: {@code "EMS-PIN1|" + bank + "|" + correlation id}. A block replayed into another request
 * or sent to another bank does not open. The PIN key is per bank (see {@link BankPinKeys}); a
 * terminal or teller module that holds it seals, only the bank host opens.
 */
public final class AesGcmPinBlock {

    static final int MIN_BYTES = SymmetricCipher.NONCE_BYTES + SymmetricCipher.TAG_BYTES + 1;

    private AesGcmPinBlock() {
    }

    public static byte[] seal(byte[] pinKey, BankId bank, UUID correlationId, char[] pin, SecureRandom random) {
        byte[] nonce = new byte[SymmetricCipher.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] clear = ascii(pin);
        try {
            byte[] cipherText = SymmetricCipher.encrypt(pinKey, nonce, aad(bank, correlationId), clear);
            byte[] block = new byte[nonce.length + cipherText.length];
            System.arraycopy(nonce, 0, block, 0, nonce.length);
            System.arraycopy(cipherText, 0, block, nonce.length, cipherText.length);
            return block;
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** The PIN digits (the caller clears them), or null if the block does not open. */
    public static char[] open(byte[] pinKey, BankId bank, UUID correlationId, byte[] block) {
        if (block == null || block.length < MIN_BYTES) {
            return null;
        }
        byte[] nonce = Arrays.copyOfRange(block, 0, SymmetricCipher.NONCE_BYTES);
        byte[] cipherText = Arrays.copyOfRange(block, SymmetricCipher.NONCE_BYTES, block.length);
        byte[] clear;
        try {
            clear = SymmetricCipher.decrypt(pinKey, nonce, aad(bank, correlationId), cipherText);
        } catch (MalformedEncodingException e) {
            return null; // a block that does not open is a wrong PIN
        }
        try {
            char[] pin = new char[clear.length];
            for (int i = 0; i < clear.length; i++) {
                pin[i] = (char) (clear[i] & 0xff);
            }
            return pin;
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    private static byte[] aad(BankId bank, UUID correlationId) {
        return ("EMS-PIN1|" + bank.code() + "|" + correlationId).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(char[] pin) {
        ByteBuffer encoded = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(pin));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
