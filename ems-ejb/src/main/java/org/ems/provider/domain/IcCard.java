package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;
import org.ems.bank.domain.PinHash;

/**
 * A user's IC card: the PIN lock in front of its e-money purse (figures 6 and 7: "the user inserts
 * the IC card and unlocks it with a PIN"). The PIN is kept only as a salted PBKDF2 hash.
 *
 * <p>Invariants: the purse is reached only through {@link #open} with the right PIN; each wrong PIN
 * counts (the count is the one refusal that is recorded: the caller commits it), a right PIN resets
 * the count, and after {@link #MAX_WRONG_PINS} wrong PINs in a row the card is blocked for good
 * (even the right PIN is refused).
 */
@Entity
@Table(name = "PROVIDER_IC_CARD")
public class IcCard {

    public static final int MAX_ID_LENGTH = 32;
    public static final int MAX_WRONG_PINS = 3;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_LENGTH + "}");

    @Id
    @Column(length = MAX_ID_LENGTH)
    private String cardId;

    @Column(nullable = false, length = PinHash.SALT_BYTES)
    private byte[] pinSalt;

    @Column(nullable = false, length = PinHash.HASH_BYTES)
    private byte[] pinHash;

    @Column(nullable = false)
    private int pinIterations;

    @Column(nullable = false)
    private int wrongPins;

    @Column(nullable = false)
    private Instant issuedAt;

    @Version
    private long version;

    protected IcCard() {
        // for JPA
    }

    /** A new card; the PIN is hashed here and the caller's array is cleared. */
    public static IcCard issue(String cardId, char[] pin, SecureRandom random, int pinIterations, Instant now) {
        try {
            IcCard card = new IcCard();
            card.cardId = requireId(cardId);
            PinHash hash = PinHash.create(pin, random, pinIterations);
            card.pinSalt = hash.salt();
            card.pinHash = hash.hash();
            card.pinIterations = hash.iterations();
            card.issuedAt = now;
            return card;
        } finally {
            if (pin != null) {
                java.util.Arrays.fill(pin, '\0');
            }
        }
    }

    public static String requireId(String cardId) {
        if (cardId == null || !ID.matcher(cardId).matches()) {
            throw new IllegalArgumentException("card id must be 1-" + MAX_ID_LENGTH + " of A-Z, a-z, 0-9, _ or -");
        }
        return cardId;
    }

    /**
     * Unlocks the card: checks the PIN, then hands out {@code purse} (which must be this card's).
     * Refused with WRONG_CARD_PIN (counted) or CARD_BLOCKED.
     */
    public EmoneyPurse open(char[] pin, CardPurse purse) {
        if (!purse.cardId().equals(cardId)) {
            throw new IllegalArgumentException("purse " + purse.cardId() + " is not card " + cardId + "'s");
        }
        ProviderRefusedException.refuseUnless(!isBlocked(), ProviderRefusal.CARD_BLOCKED, "card " + cardId);
        if (!new PinHash(pinSalt, pinHash, pinIterations).matches(pin)) {
            wrongPins++;
            throw new ProviderRefusedException(ProviderRefusal.WRONG_CARD_PIN,
                    "card " + cardId + ", " + (MAX_WRONG_PINS - wrongPins) + " tries left");
        }
        wrongPins = 0;
        return purse;
    }

    public boolean isBlocked() {
        return wrongPins >= MAX_WRONG_PINS;
    }

    public int wrongPins() {
        return wrongPins;
    }

    public String cardId() {
        return cardId;
    }
}
