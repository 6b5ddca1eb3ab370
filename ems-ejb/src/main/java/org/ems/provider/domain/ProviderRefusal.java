package org.ems.provider.domain;

import org.ems.crypto.StableCode;

/**
 * Why the relay centre, the provider host, a terminal or an IC card refused a step of the
 * e-money scheme. The codes are stable (they may travel to terminals): never renumber, only add.
 */
public enum ProviderRefusal implements StableCode {
    /** Relay: no bank host is reachable under this bank code. */
    UNKNOWN_BANK(1),
    /** Relay: the message is not a bank-POS transfer. */
    NOT_BANK_POS(2),
    /** Relay: a bank-POS transfer moves money within one bank; debit and credit name two. */
    CROSS_BANK(3),
    /** Relay: the message does not decode in the relay's format. */
    MALFORMED_MESSAGE(4),
    UNKNOWN_TERMINAL(5),
    /** A provider step from a merchant terminal or the other way round. */
    WRONG_TERMINAL_KIND(6),
    WRONG_CARD_PIN(7),
    /** The card took too many wrong PINs in a row. */
    CARD_BLOCKED(8),
    UNKNOWN_CARD(9),
    /** Callback: the terminal's answer is not the HMAC of the challenge under its key. */
    WRONG_ANSWER(10),
    /** Callback: the challenge was answered before (right or wrong). */
    CHALLENGE_USED(11),
    CHALLENGE_EXPIRED(12),
    UNKNOWN_CHALLENGE(13),
    /** Callback: the challenge was for another step than the one it is used for. */
    CHALLENGE_MISMATCH(14),
    /** Charge: the bank has not (yet) approved the sale into the provider's account. */
    SALE_NOT_APPROVED(15),
    /** The bank refused the bank-POS transfer (its reason is kept beside). */
    BANK_REFUSED(16),
    UNKNOWN_CHARGE(17),
    /** Sale: the card holds less e-money than the price. */
    INSUFFICIENT_EMONEY(18),
    /** Settlement: a note the provider's money generator never issued (or not as presented). */
    FORGED_EMONEY(19),
    /** Settlement: the e-money was settled before under another settlement key. */
    SETTLEMENT_REPLAYED(20),
    NOTHING_TO_SETTLE(21),
    /** The provider holds no account at this bank. */
    NO_PROVIDER_ACCOUNT(22),
    /** An idempotency key was used before for different content. */
    IDEMPOTENCY_CONFLICT(23),
    CURRENCY_MISMATCH(24),
    /** A step out of order (e.g. writing e-money for a charge the bank has not approved). */
    WRONG_STATE(25),
    /** A bound was reached (holdings on one card, pieces in one settlement). */
    LIMIT_REACHED(26),
    /** The instruction from the host does not match the terminal's batch. */
    INSTRUCTION_MISMATCH(27),
    /**
     * A note does not verify as the money issue's figure 8 verifies it ({@code NoteVerifier}): a
     * signature, transfer record or certificate altered, an expired note, a bad-listed module.
     */
    NOTE_REJECTED(28);

    private final int code;

    ProviderRefusal(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static ProviderRefusal ofCode(int code) {
        return StableCode.ofCode(ProviderRefusal.class, code, "provider refusal");
    }
}
