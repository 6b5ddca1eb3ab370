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
 * A proposal one module makes to its peer in a session, which the peer's host confirms or
 * rejects: a PAYMENT the payee asks for (POS, figure 12: the merchant's module requests the
 * amount; the payer answers), or an EXCHANGE module A offers (figure 9: A gives {@code amount}
 * and takes {@code take}; B answers). The proposer's idempotency key is unique per proposer.
 */
@Entity
@Table(name = "PROPOSAL",
        uniqueConstraints = @UniqueConstraint(name = "UK_PROPOSAL_KEY", columnNames = {"proposerId", "idempotencyKey"}))
public class Proposal {

    public enum Kind { PAYMENT, EXCHANGE }

    public enum State { PROPOSED, CONFIRMED, REJECTED }

    @Id
    @Column(length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Kind kind;

    private long proposerId;

    private long answererId;

    @Column(nullable = false, length = 64)
    private String idempotencyKey;

    @Column(nullable = false, length = 32)
    private String session;

    @Column(nullable = false, length = 3)
    private String currency;

    private long amountMinor;

    @Column(length = 3)
    private String takeCurrency;

    private Long takeMinor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    @Column(length = 32)
    private String payment;

    @Column(nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Proposal() {
        // for JPA
    }

    public Proposal(UUID id, ModuleId proposer, ModuleId answerer, String idempotencyKey, ConversationId session, Money amount,
                           Optional<Money> take, Instant now) {
        this.id = id.toString();
        this.kind = take.isPresent() ? Kind.EXCHANGE : Kind.PAYMENT;
        this.proposerId = proposer.value();
        this.answererId = answerer.value();
        this.takeCurrency = take.map(t -> t.currency().code()).orElse(null);
        this.takeMinor = take.map(Money::amountMinor).orElse(null);
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

    public Kind kind() {
        return kind;
    }

    /** The payee of a payment; module A of an exchange. */
    public ModuleId proposer() {
        return new ModuleId(proposerId);
    }

    /** The payer of a payment; module B of an exchange. */
    public ModuleId answerer() {
        return new ModuleId(answererId);
    }

    public ConversationId session() {
        return ConversationId.parse(session);
    }

    /** What the payer pays; what A gives in an exchange. */
    public Money amount() {
        return Money.of(CurrencyCode.of(currency), amountMinor);
    }

    /** What A takes in an exchange. */
    public Optional<Money> take() {
        return takeCurrency == null ? Optional.empty() : Optional.of(Money.of(CurrencyCode.of(takeCurrency), takeMinor));
    }

    public State state() {
        return state;
    }

    public Optional<ConversationId> payment() {
        return Optional.ofNullable(payment).map(ConversationId::parse);
    }

    public boolean sameRequest(ModuleId answerer, ConversationId session, Money amount, Optional<Money> take) {
        return answererId == answerer.value() && this.session.equals(session.toString()) && amount().equals(amount) && take().equals(take);
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
            throw new IllegalStateException(kind.name().toLowerCase() + " proposal " + id + " is " + state);
        }
    }
}
