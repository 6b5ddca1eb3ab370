package org.ems.bank.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.PinBlockOpener;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;

/**
 * Each built-in bank's 32-byte PIN key, made on first use and stored sealed with the
 * {@link AtRestCipher} (bound to its bank: a sealed key cannot be moved to another bank's row).
 * Two first uses racing for one bank: the primary key lets one commit; the other rolls back and
 * its request is retried. Keys never leave this class in clear except to seal or open a block.
 */
@ApplicationScoped
public class BankPinKeys {

    /** Its own purpose tag, and the bank code as the owner: a sealed key opens only as this bank's PIN key. */
    private static final Purpose AT_REST = Purpose.BANK_PIN_KEY_AT_REST;

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject
    AtRestCipher atRest;

    @Inject
    SecureRandom random;

    /** The opener the bank host uses for {@code bank}'s requests. */
    public PinBlockOpener openerFor(BankId bank) {
        return (block, correlationId) -> {
            byte[] key = key(bank);
            try {
                return AesGcmPinBlock.open(key, bank, correlationId, block);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        };
    }

    /** What a terminal holding {@code bank}'s PIN key does: seals a PIN for one request. */
    public byte[] seal(BankId bank, UUID correlationId, char[] pin) {
        byte[] key = key(bank);
        try {
            return AesGcmPinBlock.seal(key, bank, correlationId, pin, random);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] key(BankId bank) {
        String owner = owner(bank);
        BankPinKey stored = em.find(BankPinKey.class, bank.code());
        if (stored != null) {
            return atRest.open(AT_REST, owner, stored.sealedKey());
        }
        byte[] key = new byte[SymmetricCipher.KEY_BYTES];
        random.nextBytes(key);
        em.persist(new BankPinKey(bank.code(), atRest.seal(AT_REST, owner, key)));
        em.flush();
        return key;
    }

    private static String owner(BankId bank) {
        return "bank-pin-key/" + bank.code();
    }
}
