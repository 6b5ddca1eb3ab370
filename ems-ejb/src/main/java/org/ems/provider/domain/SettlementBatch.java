package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.LedgerAmount;

/**
 * A merchant terminal's settlement of (part of) one business day (figure 8), keyed by its
 * {@link SettlementKey}. The terminal moves the day's held e-money into the batch (OPEN) before it
 * asks the host; sends the bank-POS transfer from the provider's account to the merchant's when
 * the host's instruction matches (TRANSFER_SENT); erases the e-money for good only when the bank
 * approves (SETTLED), and gets it back, still in this batch, when the bank refuses (RETURNED).
 *
 * <p>Invariants: the total is fixed when the batch opens and every instruction and transfer is of
 * exactly that total; an OPEN, TRANSFER_SENT or RETURNED batch is retried under its own key (the
 * host and the bank recognise the key, so a retry after a timeout never pays twice); SETTLED is
 * final; the batch's e-money leaves the terminal only on SETTLED.
 */
@Entity
@Table(name = "PROVIDER_SETTLEMENT_BATCH")
public class SettlementBatch {

    public enum State {
        OPEN, TRANSFER_SENT, SETTLED, RETURNED
    }

    @Id
    @Column(length = 64)
    private String settlementKey;

    @Column(nullable = false, length = 32)
    private String terminalId;

    @Column(nullable = false)
    private LocalDate businessDay;

    @Column(nullable = false)
    private int daySequence;

    @Column(nullable = false)
    private long totalMinor;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false)
    private int pieceCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(length = 36)
    private String correlationId;

    @Column(length = AccountNumber.MAX_TEXT_LENGTH)
    private String providerAccount;

    @Column(length = 36)
    private String entryId;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private BankRefusal bankRefusal;

    @Column(nullable = false)
    private Instant openedAt;

    @Version
    private long version;

    protected SettlementBatch() {
        // for JPA
    }

    public SettlementBatch(SettlementKey key, LedgerAmount total, int pieceCount, Instant now) {
        ProviderRefusedException.refuseUnless(total.isPositive() && pieceCount > 0, ProviderRefusal.NOTHING_TO_SETTLE,
                "batch " + key + " holds no e-money");
        this.settlementKey = key.toString();
        this.terminalId = key.terminalId();
        this.businessDay = key.businessDay();
        this.daySequence = key.sequence();
        this.totalMinor = total.minor();
        this.currency = total.currency();
        this.pieceCount = pieceCount;
        this.state = State.OPEN;
        this.openedAt = now;
    }

    /** Checks the host's instruction against this batch and records the transfer about to leave. */
    public void transferSent(SettlementInstruction instruction, AccountNumber merchantAccount) {
        ProviderRefusedException.refuseUnless(state != State.SETTLED, ProviderRefusal.WRONG_STATE, "batch " + settlementKey + " is settled");
        ProviderRefusedException.refuseUnless(instruction.key().toString().equals(settlementKey)
                        && instruction.total().equals(total())
                        && instruction.providerAccount().isAt(merchantAccount.bank()),
                ProviderRefusal.INSTRUCTION_MISMATCH, "instruction " + instruction + " for batch " + settlementKey + " of " + total());
        correlationId = instruction.correlationId().toString();
        providerAccount = instruction.providerAccount().toString();
        bankRefusal = null;
        state = State.TRANSFER_SENT;
    }

    /** Takes the bank's reply to the latest transfer; true if the batch is now SETTLED (erase its e-money). */
    public boolean transferAnswered(BankReply reply) {
        if (state == State.SETTLED) {
            return false;
        }
        if (state != State.TRANSFER_SENT || !reply.correlationId().toString().equals(correlationId)) {
            throw new IllegalArgumentException("reply " + reply.correlationId() + " is not the latest of batch " + settlementKey);
        }
        if (reply.outcome() == BankReply.Outcome.APPROVED) {
            entryId = reply.entryId().toString();
            state = State.SETTLED;
            return true;
        }
        bankRefusal = reply.reason();
        state = State.RETURNED;
        return false;
    }

    public boolean isFinished() {
        return state == State.SETTLED;
    }

    public SettlementKey key() {
        return SettlementKey.parse(settlementKey);
    }

    public LedgerAmount total() {
        return LedgerAmount.of(totalMinor, currency);
    }

    public int pieceCount() {
        return pieceCount;
    }

    public State state() {
        return state;
    }

    public UUID correlationId() {
        return correlationId == null ? null : UUID.fromString(correlationId);
    }

    public BankRefusal bankRefusal() {
        return bankRefusal;
    }

    public UUID entryId() {
        return entryId == null ? null : UUID.fromString(entryId);
    }
}
