package org.ems.money.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * What a hosted module holds as a money module: its {@code ModuleBook} (note directory and
 * transaction log), sealed at rest and bound to the module, the one payment or exchange it is in (a module
 * runs one payment at a time, so the book in that payment's state is the book stored here), and
 * the payment or exchange it has agreed to but whose notes have not arrived (one agreement at a
 * time: an exchange is a payment received with something given in return; a settlement keeps its
 * amounts as text). An agreement carries the instant it was made and the instant it expires: from
 * then on, if no first message has started it, it no longer counts (it neither keeps the module
 * busy nor starts its side; the readers take the current instant, and an agreement stored without
 * an expiry counts as expired). The version column
 * serialises two steps of one module: the loser rolls back and its message is redelivered.
 */
@Entity
@Table(name = "MONEY_MODULE_BOOK")
public class MoneyModuleBook {

    @Id
    private Long moduleId;

    /** The sealed {@code ModuleBook}: up to {@code NoteDirectory.MAX_NOTES} pieces, so well past the default 1 MiB of a LOB. */
    @Lob
    @Column(nullable = false, length = 16 * 1024 * 1024)
    private byte[] sealedBook;

    /** The conversation key of the payment in progress, if any. */
    @Column(length = 120)
    private String activePayment;

    @Column(length = 32)
    private String expectedSession;

    private Long expectedPayer;

    @Column(length = 3)
    private String expectedCurrency;

    private Long expectedMinor;

    /** What the module gives in return, for an exchange it agreed to (absent for a payment). */
    @Column(length = 3)
    private String expectedGiveCurrency;

    private Long expectedGiveMinor;

    /** A settlement (Settle Foreign Exchange) the module (B) agreed to: what it sends and expects ({@link SettlementAmountsText}). */
    @Column(length = 1024)
    private String expectedSettleGive;

    @Column(length = 1024)
    private String expectedSettleTake;

    /** The settlement agreed to takes any part of {@code expectedSettleTake} (a larger transfer in several packets); null: exactly it. */
    private Boolean expectedSettleUpTo;

    /** When the agreement in the slot was made (null: no agreement, or one stored before agreements expired). */
    private Instant agreedAt;

    /** When the agreement in the slot stops counting if no message has started it (null counts as expired). */
    private Instant agreementExpires;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected MoneyModuleBook() {
        // for JPA
    }

    public MoneyModuleBook(ModuleId module, byte[] sealedBook, Instant now) {
        this.moduleId = module.value();
        this.sealedBook = sealedBook.clone();
        this.updatedAt = now;
    }

    /** A payment the module agreed to receive in a session, from a payer, of an amount. */
    public record Expectation(ConversationId session, ModuleId payer, Money amount) {
    }

    /** An exchange the module (B) agreed to in a session with A: it gives {@code give} and takes {@code take}. */
    public record FxExpectation(ConversationId session, ModuleId peer, Money give, Money take) {
    }

    /**
     * A settlement (figure 27) the module (B) agreed to in a session with A: it sends {@code give}
     * (possibly nothing) and its host expects exactly {@code take} from A, or with {@code upTo} any
     * part of it (each amount at most the one in {@code take}).
     */
    public record SettleFxExpectation(ConversationId session, ModuleId peer, SettlementAmounts give, SettlementAmounts take,
                                      boolean upTo) {

        public SettleFxExpectation(ConversationId session, ModuleId peer, SettlementAmounts give, SettlementAmounts take) {
            this(session, peer, give, take, false);
        }
    }

    /** What the one agreement slot can hold. */
    public enum AgreementKind {
        PAYMENT("payment"), EXCHANGE("exchange"), SETTLEMENT("settlement");

        private final String label;

        AgreementKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ModuleId module() {
        return new ModuleId(moduleId);
    }

    public byte[] sealedBook() {
        return sealedBook.clone();
    }

    public void update(byte[] newSealedBook, Instant now) {
        this.sealedBook = newSealedBook.clone();
        this.updatedAt = now;
    }

    public Optional<String> activePayment() {
        return Optional.ofNullable(activePayment);
    }

    public void begin(String paymentKey) {
        if (activePayment != null && !activePayment.equals(paymentKey)) {
            throw new IllegalStateException("module " + moduleId + " is already in payment " + activePayment);
        }
        this.activePayment = paymentKey;
    }

    public void end(String paymentKey) {
        if (paymentKey.equals(activePayment)) {
            this.activePayment = null;
        }
    }

    /**
     * The payment the module agreed to receive, if its agreement slot holds one that has not
     * expired at {@code now}.
     */
    public Optional<Expectation> expectation(Instant now) {
        if (heldKind().orElse(null) != AgreementKind.PAYMENT || !isLive(now)) {
            return Optional.empty();
        }
        return Optional.of(new Expectation(ConversationId.parse(expectedSession), new ModuleId(expectedPayer),
                Money.of(CurrencyCode.of(expectedCurrency), expectedMinor)));
    }

    /** Agrees to receive a payment, made at {@code now} and counting for {@code lifetime}; replaces any earlier agreement. */
    public void expect(Expectation expectation, Instant now, Duration lifetime) {
        checkLifetime(lifetime);
        clearExpectation();
        this.expectedSession = expectation.session().toString();
        this.expectedPayer = expectation.payer().value();
        this.expectedCurrency = expectation.amount().currency().code();
        this.expectedMinor = expectation.amount().amountMinor();
        agreed(now, lifetime);
    }

    /** The exchange the module agreed to, if its one agreement slot holds one that has not expired at {@code now}. */
    public Optional<FxExpectation> fxExpectation(Instant now) {
        if (heldKind().orElse(null) != AgreementKind.EXCHANGE || !isLive(now)) {
            return Optional.empty();
        }
        return Optional.of(new FxExpectation(ConversationId.parse(expectedSession), new ModuleId(expectedPayer),
                Money.of(CurrencyCode.of(expectedGiveCurrency), expectedGiveMinor),
                Money.of(CurrencyCode.of(expectedCurrency), expectedMinor)));
    }

    /** Agrees to an exchange, as {@link #expect} does (replacing any earlier agreement). */
    public void expectFx(FxExpectation expectation, Instant now, Duration lifetime) {
        checkLifetime(lifetime);
        clearExpectation();
        this.expectedSession = expectation.session().toString();
        this.expectedPayer = expectation.peer().value();
        this.expectedCurrency = expectation.take().currency().code();
        this.expectedMinor = expectation.take().amountMinor();
        this.expectedGiveCurrency = expectation.give().currency().code();
        this.expectedGiveMinor = expectation.give().amountMinor();
        agreed(now, lifetime);
    }

    /** The settlement the module agreed to, if its one agreement slot holds one that has not expired at {@code now}. */
    public Optional<SettleFxExpectation> settleFxExpectation(Instant now) {
        if (heldKind().orElse(null) != AgreementKind.SETTLEMENT || !isLive(now)) {
            return Optional.empty();
        }
        return Optional.of(new SettleFxExpectation(ConversationId.parse(expectedSession), new ModuleId(expectedPayer),
                SettlementAmountsText.parse(expectedSettleGive), SettlementAmountsText.parse(expectedSettleTake),
                Boolean.TRUE.equals(expectedSettleUpTo)));
    }

    /** Agrees to a settlement, as {@link #expect} does (replacing any earlier agreement). */
    public void expectSettleFx(SettleFxExpectation expectation, Instant now, Duration lifetime) {
        checkLifetime(lifetime);
        clearExpectation();
        this.expectedSession = expectation.session().toString();
        this.expectedPayer = expectation.peer().value();
        this.expectedSettleGive = SettlementAmountsText.format(expectation.give());
        this.expectedSettleTake = SettlementAmountsText.format(expectation.take());
        this.expectedSettleUpTo = expectation.upTo() ? Boolean.TRUE : null;
        agreed(now, lifetime);
    }

    /** Whether the slot holds an agreement that still counts at {@code now} (it keeps the module busy). */
    public boolean hasLiveAgreement(Instant now) {
        return heldKind().isPresent() && isLive(now);
    }

    /**
     * Whether the slot holds an agreement of {@code kind} in {@code session}, expired or not: one
     * no message has started (the first message clears the slot), which a host may withdraw.
     */
    public boolean holdsAgreement(AgreementKind kind, ConversationId session) {
        return heldKind().orElse(null) == kind && expectedSession.equals(session.toString());
    }

    /** When the agreement in the slot was made, if the slot holds one made since agreements expire. */
    public Optional<Instant> agreedAt() {
        return heldKind().isPresent() ? Optional.ofNullable(agreedAt) : Optional.empty();
    }

    /** When the agreement in the slot stops counting, if the slot holds one made since agreements expire. */
    public Optional<Instant> agreementExpires() {
        return heldKind().isPresent() ? Optional.ofNullable(agreementExpires) : Optional.empty();
    }

    private Optional<AgreementKind> heldKind() {
        if (expectedSession == null) {
            return Optional.empty();
        }
        if (expectedSettleTake != null) {
            return Optional.of(AgreementKind.SETTLEMENT);
        }
        return Optional.of(expectedGiveCurrency != null ? AgreementKind.EXCHANGE : AgreementKind.PAYMENT);
    }

    /** Live until its expiry instant, exclusive (as a protocol deadline is due at its instant); no expiry stored: expired. */
    private boolean isLive(Instant now) {
        return agreementExpires != null && now.isBefore(agreementExpires);
    }

    private static void checkLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("an agreement must count for a positive time, not " + lifetime);
        }
    }

    private void agreed(Instant now, Duration lifetime) {
        this.agreedAt = now;
        this.agreementExpires = now.plus(lifetime);
    }

    /** Empties the agreement slot (the first message started the agreement, or its host withdrew it). */
    public void clearExpectation() {
        this.expectedSession = null;
        this.expectedPayer = null;
        this.expectedCurrency = null;
        this.expectedMinor = null;
        this.expectedGiveCurrency = null;
        this.expectedGiveMinor = null;
        this.expectedSettleGive = null;
        this.expectedSettleTake = null;
        this.expectedSettleUpTo = null;
        this.agreedAt = null;
        this.agreementExpires = null;
    }
}
