package org.ems.provider.domain;

import java.time.Instant;
import java.util.List;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.protocol.NoteSigner;
import org.ems.money.protocol.PaymentVerifier;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * The e-money on an IC card, as the scheme uses it: the card is a transaction money module whose
 * note directory holds the provider's EMS notes. A charge writes a note to it (verified as any
 * payee verifies, figure 8 of the money issue); a sale pays from it with the money issue's
 * Payer/Payee protocol, offline, to a merchant terminal's module.
 */
public interface EmoneyPurse {

    /** The e-money held, in the purse's currency. */
    LedgerAmount balance();

    /**
     * Writes issued e-money to the card (a charge): the card verifies the note with
     * {@code verifier} (its own figure 8) and holds it. Writing the same note again changes nothing.
     * Refused with {@link ProviderRefusal#NOTE_REJECTED} if the note does not verify.
     */
    void credit(EmoneyIssue issue, PaymentVerifier verifier, Instant now);

    /**
     * Pays {@code price} to the terminal's module {@code payee} with the payment protocol (the card
     * is the payer and signs each transfer with {@code cardSigner}; the terminal verifies with
     * {@code payeeVerifier}) and returns the notes the terminal received. Refused with
     * {@link ProviderRefusal#INSUFFICIENT_EMONEY} or {@link ProviderRefusal#NOTE_REJECTED}; then the
     * card is unchanged.
     */
    List<EmoneyPiece> pay(NoteSigner cardSigner, ModuleId payee, PaymentVerifier payeeVerifier, LedgerAmount price,
            ConversationId conversation, Instant now);
}
