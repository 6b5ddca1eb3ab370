package org.ems.money.teller;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.TellerOperation;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * A withdrawal or deposit at a teller: the module, the session it runs in, the account, the
 * operation's state ({@link TellerOperation}) and the payments and bank entry it is waiting for.
 * The idempotency key is unique per module: a command sent twice finds the first operation.
 */
@Entity
@Table(name = "TELLER_OPERATION",
        uniqueConstraints = @UniqueConstraint(name = "UK_TELLER_OPERATION_KEY", columnNames = {"moduleId", "idempotencyKey"}),
        indexes = {@Index(name = "IX_TELLER_OP_COLLECT", columnList = "collectPayment"),
                   @Index(name = "IX_TELLER_OP_PAYOUT", columnList = "payoutPayment"),
                   @Index(name = "IX_TELLER_OP_WAITING", columnList = "waiting")})
public class TellerOperationRecord {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false)
    private long moduleId;

    @Column(nullable = false, length = 64)
    private String idempotencyKey;

    @Column(nullable = false)
    private long tellerId;

    @Column(nullable = false, length = 8)
    private String bankCode;

    @Column(nullable = false, length = 32)
    private String session;

    @Column(nullable = false, length = 40)
    private String account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private TellerOperation.Kind kind;

    @Column(nullable = false, length = 3)
    private String currency;

    private long amountMinor;

    private long returnedMinor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private TellerOperation.Phase phase;

    @Column(length = 40)
    private String bankRefusal;

    private int pendingFollowUps;

    /** True while the operation waits for its teller or module to be free to pay. */
    private boolean waiting;

    @Column(length = 32)
    private String collectPayment;

    @Column(length = 32)
    private String payoutPayment;

    @Column(length = 36)
    private String bankEntry;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected TellerOperationRecord() {
        // for JPA
    }

    public TellerOperationRecord(UUID id, ModuleId module, String idempotencyKey, ModuleId teller, BankId bank,
                                 ConversationId session, AccountNumber account, TellerOperation operation, Instant now) {
        this.id = id.toString();
        this.moduleId = module.value();
        this.idempotencyKey = idempotencyKey;
        this.tellerId = teller.value();
        this.bankCode = bank.code();
        this.session = session.toString();
        this.account = account.toString();
        this.createdAt = now;
        update(operation, now);
    }

    public String id() {
        return id;
    }

    public ModuleId module() {
        return new ModuleId(moduleId);
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public ModuleId teller() {
        return new ModuleId(tellerId);
    }

    public BankId bank() {
        return new BankId(bankCode);
    }

    public ConversationId session() {
        return ConversationId.parse(session);
    }

    public AccountNumber account() {
        return AccountNumber.parse(account);
    }

    public TellerOperation operation() {
        CurrencyCode cur = CurrencyCode.of(currency);
        return new TellerOperation(kind, Money.of(cur, amountMinor), Money.of(cur, returnedMinor), phase,
                Optional.ofNullable(bankRefusal), pendingFollowUps);
    }

    public void update(TellerOperation operation, Instant now) {
        this.kind = operation.kind();
        this.currency = operation.amount().currency().code();
        this.amountMinor = operation.amount().amountMinor();
        this.returnedMinor = operation.returned().amountMinor();
        this.phase = operation.phase();
        this.bankRefusal = operation.bankRefusal().orElse(null);
        this.pendingFollowUps = operation.pendingFollowUps();
        this.updatedAt = now;
    }

    public boolean isWaiting() {
        return waiting;
    }

    public void waiting(boolean value) {
        this.waiting = value;
    }

    public Optional<ConversationId> collectPayment() {
        return Optional.ofNullable(collectPayment).map(ConversationId::parse);
    }

    public void collectPayment(ConversationId payment) {
        this.collectPayment = payment.toString();
    }

    public Optional<ConversationId> payoutPayment() {
        return Optional.ofNullable(payoutPayment).map(ConversationId::parse);
    }

    public void payoutPayment(ConversationId payment) {
        this.payoutPayment = payment.toString();
    }

    public Optional<UUID> bankEntry() {
        return Optional.ofNullable(bankEntry).map(UUID::fromString);
    }

    public void bankEntry(UUID entry) {
        this.bankEntry = entry.toString();
    }

    /** Whether this record asks for the same thing as a new command with the same key. */
    public boolean sameRequest(TellerOperation.Kind k, AccountNumber a, Money amount, ConversationId s) {
        return kind == k && account.equals(a.toString()) && currency.equals(amount.currency().code())
                && amountMinor == amount.amountMinor() && session.equals(s.toString());
    }
}
