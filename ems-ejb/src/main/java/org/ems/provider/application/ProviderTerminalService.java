package org.ems.provider.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.ems.bank.application.BankPinKeys;
import org.ems.bank.application.BankReplies;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.LedgerAmount;
import org.ems.provider.domain.CardPurse;
import org.ems.provider.domain.Charge;
import org.ems.provider.domain.EmoneyIssue;
import org.ems.provider.domain.IcCard;
import org.ems.provider.domain.ProviderAccount;
import org.ems.provider.domain.ProviderRefusal;
import org.ems.provider.domain.ProviderRefusedException;
import org.ems.provider.domain.Terminal;
import org.ems.provider.domain.TerminalKind;

/**
 * A provider terminal charging an IC card (figure 6): the bank-POS sale from the user's account
 * into the provider's account at the user's bank, through the relay centre; then, once the bank
 * approved, the user's IC card unlocked with its PIN; then (after the host's callback) the
 * host's e-money written to the card. The steps are separate transactions, as the parties are.
 */
@Stateless
public class ProviderTerminalService {

    private static final Logger LOG = Logger.getLogger(ProviderTerminalService.class.getName());
    /** "chg/" + terminal (at most 23) + "/" + key: within the bank's 64-character idempotency key. */
    public static final int MAX_CHARGE_KEY_LENGTH = 36;

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject BankPosRelayService relay;
    @Inject BankPinKeys pinKeys;
    @Inject BankReplies replies;
    @Inject Clock clock;
    @Inject ProviderModules modules;

    /**
     * The user's cash card (account), PIN and amount at {@code terminalId}: sends the bank-POS
     * sale and returns the charge id. Idempotent per terminal and {@code chargeKey}: a repeat
     * returns the first charge and sends nothing. The PIN leaves only sealed to the user's bank,
     * and the caller's array is cleared.
     */
    public UUID charge(String terminalId, String chargeKey, AccountNumber userAccount, char[] pin, LedgerAmount amount) {
        try {
            Terminal terminal = terminal(terminalId);
            if (chargeKey == null || chargeKey.isEmpty() || chargeKey.length() > MAX_CHARGE_KEY_LENGTH) {
                throw new IllegalArgumentException("a charge key is 1-" + MAX_CHARGE_KEY_LENGTH + " characters");
            }
            Optional<Charge> before = em.createQuery("select c from Charge c where c.terminalId = :t and c.chargeKey = :k", Charge.class)
                    .setParameter("t", terminalId).setParameter("k", chargeKey).getResultStream().findFirst();
            if (before.isPresent()) {
                if (!before.get().userAccount().equals(userAccount) || !before.get().amount().equals(amount)) {
                    throw new ProviderRefusedException(ProviderRefusal.IDEMPOTENCY_CONFLICT, "charge key " + chargeKey + " at " + terminalId);
                }
                return before.get().id();
            }
            ProviderAccount provider = em.find(ProviderAccount.class, userAccount.bank().code());
            if (provider == null) {
                throw new ProviderRefusedException(ProviderRefusal.NO_PROVIDER_ACCOUNT, "bank " + userAccount.bank());
            }
            UUID correlationId = UUID.randomUUID();
            byte[] pinBlock = pinKeys.seal(userAccount.bank(), correlationId, pin);
            BankRequest sale = new BankRequest(correlationId, "chg/" + terminalId + "/" + chargeKey, BankRequest.Kind.POS_TRANSFER,
                    userAccount, provider.account(), amount, terminal.posIdAt(userAccount.bank()), null, pinBlock);
            Charge charge = new Charge(UUID.randomUUID(), terminalId, chargeKey, userAccount, amount, correlationId, clock.instant());
            em.persist(charge);
            relay.send(sale);
            LOG.info(() -> "charge " + charge.id() + " of " + amount + " sent for " + userAccount.bank());
            return charge.id();
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * The user inserts the IC card and enters its PIN, once the bank has answered the sale. A wrong
     * card PIN (counted on the card) and a bank refusal (kept on the charge) come back refused;
     * a sale the bank has not answered yet is refused and changes nothing.
     */
    public Outcome<Charge.State> insertCard(UUID chargeId, String cardId, char[] pin) {
        try {
            Charge charge = charge(chargeId);
            Optional<BankReply> reply = replies.find(charge.correlationId());
            if (charge.state() == Charge.State.SALE_SENT && reply.isEmpty()) {
                throw new ProviderRefusedException(ProviderRefusal.SALE_NOT_APPROVED, "the bank has not answered charge " + chargeId);
            }
            reply.ifPresent(charge::saleAnswered);
            IcCard card = em.find(IcCard.class, cardId);
            CardPurse purse = em.find(CardPurse.class, cardId);
            if (card == null || purse == null) {
                throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_CARD, cardId);
            }
            try {
                if (charge.state() == Charge.State.REFUSED) {
                    throw new ProviderRefusedException(ProviderRefusal.BANK_REFUSED, "charge " + chargeId + ": " + charge.bankRefusal());
                }
                card.open(pin, purse);
                if (!purse.currency().equals(charge.amount().currency())) {
                    throw new ProviderRefusedException(ProviderRefusal.CURRENCY_MISMATCH,
                            "card " + cardId + " holds " + purse.currency() + ", charge is " + charge.amount());
                }
                charge.cardInserted(cardId);
                return Outcome.done(charge.state());
            } catch (ProviderRefusedException refused) {
                return Outcome.refused(refused);
            }
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * Writes the host's e-money for the charge to the card that was unlocked for it: the card's
     * module verifies the note (figure 8 of the money issue, as any payee) and holds it. Returns
     * the card's balance. Idempotent per issue; a note that does not verify is refused
     * (NOTE_REJECTED) and changes nothing.
     */
    public LedgerAmount writeEmoney(UUID chargeId, EmoneyIssue issue) {
        Charge charge = charge(chargeId);
        CardPurse purse = em.find(CardPurse.class, charge.cardId() == null ? "" : charge.cardId());
        if (purse == null) {
            throw new ProviderRefusedException(ProviderRefusal.WRONG_STATE, "no card inserted for charge " + chargeId);
        }
        charge.emoneyWritten(issue);
        purse.credit(issue, modules.payeeVerifier(purse.moduleId()), clock.instant());
        return purse.balance();
    }

    public Charge.State state(UUID chargeId) {
        return charge(chargeId).state();
    }

    public Optional<org.ems.bank.domain.BankRefusal> bankRefusal(UUID chargeId) {
        return Optional.ofNullable(charge(chargeId).bankRefusal());
    }

    private Charge charge(UUID chargeId) {
        Charge charge = em.find(Charge.class, chargeId.toString());
        if (charge == null) {
            throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_CHARGE, chargeId.toString());
        }
        return charge;
    }

    private Terminal terminal(String terminalId) {
        Terminal terminal = terminalId == null ? null : em.find(Terminal.class, terminalId);
        if (terminal == null) {
            throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_TERMINAL, String.valueOf(terminalId));
        }
        terminal.requireKind(TerminalKind.PROVIDER);
        return terminal;
    }
}
