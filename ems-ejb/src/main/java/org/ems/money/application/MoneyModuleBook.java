package org.ems.money.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
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
 * amounts as text). The version column
 * serialises two steps of one module: the loser rolls back and its message is redelivered.
 */
@Entity
@Table(name = "MONEY_MODULE_BOOK")
public class MoneyModuleBook {

    @Id
    private Long moduleId;

    @Lob
    @Column(nullable = false)
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
     * (possibly nothing) and its host expects exactly {@code take} from A.
     */
    public record SettleFxExpectation(ConversationId session, ModuleId peer, SettlementAmounts give, SettlementAmounts take) {
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

    public Optional<Expectation> expectation() {
        if (expectedSession == null || expectedGiveCurrency != null || expectedSettleTake != null) {
            return Optional.empty();
        }
        return Optional.of(new Expectation(ConversationId.parse(expectedSession), new ModuleId(expectedPayer),
                Money.of(CurrencyCode.of(expectedCurrency), expectedMinor)));
    }

    public void expect(Expectation expectation) {
        this.expectedSession = expectation.session().toString();
        this.expectedPayer = expectation.payer().value();
        this.expectedCurrency = expectation.amount().currency().code();
        this.expectedMinor = expectation.amount().amountMinor();
        this.expectedGiveCurrency = null;
        this.expectedGiveMinor = null;
        clearSettleFx();
    }

    /** The exchange the module agreed to, if its one agreement slot holds an exchange. */
    public Optional<FxExpectation> fxExpectation() {
        if (expectedSession == null || expectedGiveCurrency == null) {
            return Optional.empty();
        }
        return Optional.of(new FxExpectation(ConversationId.parse(expectedSession), new ModuleId(expectedPayer),
                Money.of(CurrencyCode.of(expectedGiveCurrency), expectedGiveMinor),
                Money.of(CurrencyCode.of(expectedCurrency), expectedMinor)));
    }

    /** Agrees to an exchange; replaces any earlier agreement (payment or exchange), as {@link #expect} does. */
    public void expectFx(FxExpectation expectation) {
        this.expectedSession = expectation.session().toString();
        this.expectedPayer = expectation.peer().value();
        this.expectedCurrency = expectation.take().currency().code();
        this.expectedMinor = expectation.take().amountMinor();
        this.expectedGiveCurrency = expectation.give().currency().code();
        this.expectedGiveMinor = expectation.give().amountMinor();
        clearSettleFx();
    }

    /** The settlement the module agreed to, if its one agreement slot holds a settlement. */
    public Optional<SettleFxExpectation> settleFxExpectation() {
        if (expectedSession == null || expectedSettleTake == null) {
            return Optional.empty();
        }
        return Optional.of(new SettleFxExpectation(ConversationId.parse(expectedSession), new ModuleId(expectedPayer),
                SettlementAmountsText.parse(expectedSettleGive), SettlementAmountsText.parse(expectedSettleTake)));
    }

    /** Agrees to a settlement; replaces any earlier agreement (payment, exchange or settlement), as {@link #expect} does. */
    public void expectSettleFx(SettleFxExpectation expectation) {
        clearExpectation();
        this.expectedSession = expectation.session().toString();
        this.expectedPayer = expectation.peer().value();
        this.expectedSettleGive = SettlementAmountsText.format(expectation.give());
        this.expectedSettleTake = SettlementAmountsText.format(expectation.take());
    }

    private void clearSettleFx() {
        this.expectedSettleGive = null;
        this.expectedSettleTake = null;
    }

    public void clearExpectation() {
        this.expectedSession = null;
        this.expectedPayer = null;
        this.expectedCurrency = null;
        this.expectedMinor = null;
        this.expectedGiveCurrency = null;
        this.expectedGiveMinor = null;
        clearSettleFx();
    }
}
