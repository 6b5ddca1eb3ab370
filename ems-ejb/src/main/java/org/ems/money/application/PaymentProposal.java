package org.ems.money.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * A payment the payee asks for (POS, figure 12: the merchant's module requests the amount) and
 * the payer confirms or rejects. The payee's idempotency key is unique per payee.
 */
@Entity
@Table(name = "PAYMENT_PROPOSAL",
        uniqueConstraints = @UniqueConstraint(name = "UK_PAYMENT_PROPOSAL_KEY", columnNames = {"payeeId", "idempotencyKey"}))
public class PaymentProposal {

    public enum State { PROPOSED, CONFIRMED, REJECTED }

    @Id
    @Column(length = 36)
    private String id;

    private long payeeId;

    private long payerId;

    @Column(nullable = false, length = 64)
    private String idempotencyKey;

    @Column(nullable = false, length = 32)
    private String session;

    @Column(nullable = false, length = 3)
    private String currency;

    private long amountMinor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    @Column(length = 32)
    private String payment;

    @Column(nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected PaymentProposal() {
        // for JPA
    }

    public PaymentProposal(UUID id, ModuleId payee, ModuleId payer, String idempotencyKey, ConversationId session, Money amount,
                           Instant now) {
        this.id = id.toString();
        this.payeeId = payee.value();
        this.payerId = payer.value();
        this.idempotencyKey = idempotencyKey;
        this.session = session.toString();
        this.currency = amount.currency().code();
        this.amountMinor = amount.amountMinor();
        this.state = State.PROPOSED;
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public ModuleId payee() {
        return new ModuleId(payeeId);
    }

    public ModuleId payer() {
        return new ModuleId(payerId);
    }

    public ConversationId session() {
        return ConversationId.parse(session);
    }

    public Money amount() {
        return Money.of(CurrencyCode.of(currency), amountMinor);
    }

    public State state() {
        return state;
    }

    public Optional<ConversationId> payment() {
        return Optional.ofNullable(payment).map(ConversationId::parse);
    }

    public boolean sameRequest(ModuleId payer, ConversationId session, Money amount) {
        return payerId == payer.value() && this.session.equals(session.toString()) && amount().equals(amount);
    }

    public void confirmed(ConversationId paymentId) {
        requireProposed();
        this.state = State.CONFIRMED;
        this.payment = paymentId.toString();
    }

    public void rejected() {
        requireProposed();
        this.state = State.REJECTED;
    }

    private void requireProposed() {
        if (state != State.PROPOSED) {
            throw new IllegalStateException("payment request " + id + " is " + state);
        }
    }
}
