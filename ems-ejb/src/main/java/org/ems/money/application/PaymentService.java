package org.ems.money.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.PayeeState;
import org.ems.money.protocol.Payer;
import org.ems.money.protocol.PayerState;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.money.protocol.PaymentStep;
import org.ems.network.application.ConversationSteps;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.session.SessionState;
import org.ems.security.domain.ModuleId;

/**
 * Payments between hosted modules inside their established session: the payee agrees to receive
 * an amount from its peer ({@link #expect}), the payer pays it ({@link #pay}); the protocol then
 * runs one step per JTA transaction as the session delivers its messages. A module takes part in
 * one payment at a time. Balances and the transaction log are read from the module's book.
 */
@Stateless
public class PaymentService {

    @Inject PaymentSteps payments;
    @Inject NetworkRepository network;
    @Inject ConversationSteps steps;
    @Inject SecureRandom random;

    /**
     * Starts paying {@code amount} to the peer of the session: chooses and transfers the notes,
     * logs CONDITIONAL SENT and sends them in the session. Refuses (changing nothing) when the
     * module lacks the funds, is already in a payment, or the session is not established.
     */
    public ConversationId pay(ModuleId payer, ConversationId session, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment must be positive: " + amount);
        }
        HostedModule module = payments.module(payer);
        ModuleAddress self = new ModuleAddress(payer);
        SessionState state = payments.establishedSession(self, session);
        MoneyModuleBook record = payments.bookRecord(payer);
        if (record.activePayment().isPresent()) {
            throw new IllegalStateException("module " + payer + " is already in a payment");
        }
        ConversationId payment = ConversationId.random(random);
        ModuleBook book = payments.open(record);
        PaymentStep<PayerState> step = Payer.start(payments.payerContext(module, payment), book, state.peerAddress().id(), amount);
        if (step.outcome().equals(Optional.of(PaymentOutcome.INSUFFICIENT_FUNDS))) {
            throw new InsufficientFundsException(book.balance(amount.currency()), amount);
        }
        payments.recordPayer(self, session, payment, Optional.empty(), record, step);
        return payment;
    }

    /**
     * The payee agrees to receive {@code amount} from {@code payer}, its peer in the session; the
     * notes start its side if they arrive within the network's reply timeout (after it the agreement
     * expires: the module is free again and late notes are ignored, so the payer aborts with its notes).
     */
    public void expect(ModuleId payee, ConversationId session, ModuleId payer, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment must be positive: " + amount);
        }
        payments.module(payee);
        SessionState state = payments.establishedSession(new ModuleAddress(payee), session);
        if (!state.peerAddress().id().equals(payer)) {
            throw new IllegalArgumentException("the peer in session " + session + " is " + state.peerAddress() + ", not " + payer);
        }
        MoneyModuleBook record = payments.bookRecord(payee);
        if (record.activePayment().isPresent()) {
            throw new IllegalStateException("module " + payee + " is already in a payment");
        }
        record.expect(new MoneyModuleBook.Expectation(session, payer, amount), payments.now(), payments.agreementLifetime());
    }

    /**
     * The payee's host withdraws the payment it agreed to receive in {@code session} whose notes
     * have not arrived (expired or not): the module is free at once, and notes arriving later are
     * ignored. Refused (IllegalStateException, nothing changed) when it holds no such agreement, in
     * particular once the notes started the payment.
     */
    public void withdraw(ModuleId payee, ConversationId session) {
        payments.withdraw(payee, session, MoneyModuleBook.AgreementKind.PAYMENT);
    }

    /** The peer of {@code module} in its established session {@code session}; refused if there is no such session. */
    public ModuleId peerOf(ModuleId module, ConversationId session) {
        return payments.establishedSession(new ModuleAddress(module), session).peerAddress().id();
    }

    /** The value the module holds unconditionally in {@code currency}. */
    public Money balance(ModuleId module, CurrencyCode currency) {
        return payments.open(payments.bookRecord(module)).balance(currency);
    }

    /** The module's transaction log, oldest first. */
    public List<LogLine> log(ModuleId module, CurrencyCode currency) {
        return payments.open(payments.bookRecord(module)).log().entries().stream()
                .map(e -> new LogLine(e.kind().name(), e.direction().name(), e.conversation().toString(), e.total(currency)))
                .toList();
    }

    /** One party's side of a payment, if the module has one. */
    public Optional<PaymentView> payment(ModuleId module, ConversationId payment) {
        return network.findConversation(ProtocolConversation.keyOf(payment, new ModuleAddress(module))).map(c -> {
            byte[] state = PaymentSteps.Envelope.decode(steps.state(c)).state();
            return switch (c.protocol()) {
                case PAYER -> {
                    PayerState s = PayerState.decode(state);
                    yield new PaymentView("PAYER", s.phase().name(), c.isSettled(), s.outcome().map(Enum::name).orElse(null));
                }
                case PAYEE -> {
                    PayeeState s = PayeeState.decode(state);
                    yield new PaymentView("PAYEE", s.phase().name(), c.isSettled(), s.outcome().map(Enum::name).orElse(null));
                }
                default -> throw new IllegalArgumentException("conversation " + payment + " is a " + c.protocol() + ", not a payment");
            };
        });
    }

    /** One transaction log entry: kind, direction, payment, and its total in the currency asked for. */
    public record LogLine(String kind, String direction, String payment, Money total) {

        public boolean is(LogEntry.Kind k, LogEntry.Direction d) {
            return kind.equals(k.name()) && direction.equals(d.name());
        }
    }

    /** A party's side of a payment. */
    public record PaymentView(String role, String phase, boolean settled, String outcome) {
    }
}
