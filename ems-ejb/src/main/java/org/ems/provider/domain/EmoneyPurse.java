package org.ems.provider.domain;

import java.util.List;
import org.ems.bank.domain.LedgerAmount;

/**
 * The e-money on an IC card, behind the smallest interface the scheme needs, so that a transaction
 * money module's notes can back it later. Every movement carries an idempotency key: a repeated
 * credit of the same issue changes nothing; a repeated debit with the same key returns the pieces
 * of the first and takes nothing more; a key reused for other content is refused.
 */
public interface EmoneyPurse {

    /** The e-money held, in the purse's currency. */
    LedgerAmount balance();

    /** Writes issued e-money to the purse (a charge). */
    void credit(String idempotencyKey, EmoneyIssue issue);

    /**
     * Takes {@code amount} from the purse (a sale) and returns what was taken, each piece with the
     * authenticator of its issue. Refused with {@link ProviderRefusal#INSUFFICIENT_EMONEY} if the
     * purse holds less; then nothing is taken.
     */
    List<EmoneyPiece> debit(String idempotencyKey, LedgerAmount amount);
}
