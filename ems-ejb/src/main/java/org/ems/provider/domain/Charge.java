package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.LedgerAmount;

/**
 * One charge of an IC card at a provider terminal (figure 6), as the provider keeps it (the
 * provider terminal is the provider's own device). Steps, in this order only:
 * SALE_SENT (the bank-POS sale from the user's account into the provider's account at the user's
 * bank has left) -> PAID (the bank approved) or REFUSED (the bank refused, with its reason) ->
 * CARD_INSERTED (the user's IC card was unlocked with its PIN) -> ISSUED (the host's e-money,
 * after callback authentication, was written to that card).
 *
 * <p>Invariants: e-money is written only for an approved sale, only once, only of exactly the
 * amount the bank moved, only to the card that was unlocked; one charge per terminal and key.
 */
@Entity
@Table(name = "PROVIDER_CHARGE", uniqueConstraints = @UniqueConstraint(columnNames = {"terminalId", "chargeKey"}))
public class Charge {

    public enum State {
        SALE_SENT, PAID, REFUSED, CARD_INSERTED, ISSUED
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 32)
    private String terminalId;

    @Column(nullable = false, length = 64)
    private String chargeKey;

    @Column(nullable = false, length = AccountNumber.MAX_TEXT_LENGTH)
    private String userAccount;

    @Column(nullable = false)
    private long amountMinor;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false, length = 36)
    private String correlationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private BankRefusal bankRefusal;

    @Column(length = IcCard.MAX_ID_LENGTH)
    private String cardId;

    @Column(length = 36)
    private String serial;

    @Column(nullable = false)
    private Instant startedAt;

    @Version
    private long version;

    protected Charge() {
        // for JPA
    }

    public Charge(UUID id, String terminalId, String chargeKey, AccountNumber userAccount, LedgerAmount amount,
                  UUID correlationId, Instant now) {
        if (chargeKey == null || chargeKey.isEmpty() || chargeKey.length() > 64) {
            throw new IllegalArgumentException("a charge key is 1-64 characters");
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a charge is positive: " + amount);
        }
        this.id = id.toString();
        this.terminalId = terminalId;
        this.chargeKey = chargeKey;
        this.userAccount = userAccount.toString();
        this.amountMinor = amount.minor();
        this.currency = amount.currency();
        this.correlationId = correlationId.toString();
        this.state = State.SALE_SENT;
        this.startedAt = now;
    }

    /** Takes the bank's reply to the sale; a reply to another request is a programming error. */
    public void saleAnswered(BankReply reply) {
        if (!reply.correlationId().equals(correlationId())) {
            throw new IllegalArgumentException("reply " + reply.correlationId() + " is not charge " + id + "'s");
        }
        if (state != State.SALE_SENT) {
            return; // answered before: replies are recorded once, so it was this one
        }
        if (reply.outcome() == BankReply.Outcome.APPROVED) {
            state = State.PAID;
        } else {
            state = State.REFUSED;
            bankRefusal = reply.reason();
        }
    }

    /** The user's card was unlocked at the terminal for this charge. */
    public void cardInserted(String cardId) {
        if (state == State.CARD_INSERTED && cardId.equals(this.cardId)) {
            return;
        }
        ProviderRefusedException.refuseUnless(state != State.REFUSED, ProviderRefusal.BANK_REFUSED,
                "charge " + id + ": " + bankRefusal);
        ProviderRefusedException.refuseUnless(state == State.PAID, state == State.SALE_SENT ? ProviderRefusal.SALE_NOT_APPROVED
                : ProviderRefusal.WRONG_STATE, "charge " + id + " is " + state);
        this.cardId = IcCard.requireId(cardId);
        state = State.CARD_INSERTED;
    }

    /** The host's e-money for this charge was written to the card; checks it is for exactly this charge. */
    public void emoneyWritten(EmoneyIssue issue) {
        if (state == State.ISSUED) {
            // Written before: only the same issue may be written again (it changes nothing on the card).
            ProviderRefusedException.refuseUnless(issue.serial().toString().equals(serial), ProviderRefusal.IDEMPOTENCY_CONFLICT,
                    "charge " + id + " was paid out with issue " + serial);
            return;
        }
        ProviderRefusedException.refuseUnless(state == State.CARD_INSERTED, ProviderRefusal.WRONG_STATE,
                "charge " + id + " is " + state);
        ProviderRefusedException.refuseUnless(issue.amount().equals(amount()), ProviderRefusal.INSTRUCTION_MISMATCH,
                "issue of " + issue.amount() + " for a charge of " + amount());
        serial = issue.serial().toString();
        state = State.ISSUED;
    }

    /** Whether the host may issue e-money for it: the bank approved and the card waits. */
    public boolean awaitsEmoney() {
        return state == State.CARD_INSERTED;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String terminalId() {
        return terminalId;
    }

    public String chargeKey() {
        return chargeKey;
    }

    public AccountNumber userAccount() {
        return AccountNumber.parse(userAccount);
    }

    public LedgerAmount amount() {
        return LedgerAmount.of(amountMinor, currency);
    }

    public UUID correlationId() {
        return UUID.fromString(correlationId);
    }

    public State state() {
        return state;
    }

    public BankRefusal bankRefusal() {
        return bankRefusal;
    }

    public String cardId() {
        return cardId;
    }
}
