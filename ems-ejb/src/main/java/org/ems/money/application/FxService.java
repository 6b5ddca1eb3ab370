package org.ems.money.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.protocol.FxParty;
import org.ems.money.protocol.FxState;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.money.protocol.PaymentStep;
import org.ems.network.application.ConversationSteps;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.ProtocolConversation;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.network.domain.session.SessionState;
import org.ems.security.domain.ModuleId;

/**
 * Foreign exchange between hosted modules inside their established session (figure 9, after the
 * amounts are agreed): B agrees to give one currency for another from its peer A
 * ({@link #expect}), A starts ({@link #exchange}); the protocol then runs one step per JTA
 * transaction as the session delivers its messages, each transfer committed separately in the
 * order S(X). The rate is implied by the two amounts. A module takes part in one payment or
 * exchange at a time. Amounts are from the calling module's side: what it gives, what it takes.
 */
@Stateless
public class FxService {

    @Inject FxSteps exchanges;
    @Inject PaymentSteps payments;
    @Inject NetworkRepository network;
    @Inject ConversationSteps steps;
    @Inject SecureRandom random;

    /**
     * A starts exchanging {@code give} for {@code take} with the peer of the session: chooses and
     * transfers its notes, logs CONDITIONAL SENT and sends them. Refuses (changing nothing) bad
     * amounts, a module without the funds or already in a payment or exchange, a session not established.
     */
    public ConversationId exchange(ModuleId a, ConversationId session, Money give, Money take) {
        checkAmounts(give, take);
        HostedModule module = payments.module(a);
        ModuleAddress self = new ModuleAddress(a);
        SessionState state = payments.establishedSession(self, session);
        MoneyModuleBook record = payments.bookRecord(a);
        refuseIfBusy(a, record);
        ConversationId exchange = ConversationId.random(random);
        ModuleBook book = payments.open(record);
        PaymentStep<FxState> step = FxParty.startA(exchanges.context(module, exchange), book, state.peerAddress().id(), give, take,
                FxSteps.firstTransferor(state));
        if (step.outcome().equals(Optional.of(PaymentOutcome.INSUFFICIENT_FUNDS))) {
            throw new InsufficientFundsException(book.balance(give.currency()), give);
        }
        exchanges.record(self, session, exchange, Optional.empty(), record, step);
        return exchange;
    }

    /**
     * B agrees to give {@code give} for {@code take} to {@code a}, its peer in the session; A's
     * notes start its side if they arrive within the network's reply timeout (after it the agreement
     * expires, as {@link PaymentService#expect} does). Replaces an earlier agreement of B that no notes have started. Refuses
     * bad amounts, a module without the funds to give or already in a payment or exchange, and a
     * peer that is not {@code a}.
     */
    public void expect(ModuleId b, ConversationId session, ModuleId a, Money give, Money take) {
        checkAmounts(give, take);
        payments.module(b);
        SessionState state = payments.establishedSession(new ModuleAddress(b), session);
        if (!state.peerAddress().id().equals(a)) {
            throw new IllegalArgumentException("the peer in session " + session + " is " + state.peerAddress() + ", not " + a);
        }
        MoneyModuleBook record = payments.bookRecord(b);
        refuseIfBusy(b, record);
        Money held = payments.open(record).balance(give.currency());
        if (held.compareTo(give) < 0) {
            throw new InsufficientFundsException(held, give);
        }
        record.expectFx(new MoneyModuleBook.FxExpectation(session, a, give, take), payments.now(), payments.agreementLifetime());
    }

    /**
     * B's host withdraws the exchange it agreed to in {@code session} whose notes have not arrived
     * (expired or not): B is free at once and A's notes arriving later are ignored. Refused
     * (IllegalStateException, nothing changed) when B holds no such agreement, in particular once A's notes started it.
     */
    public void withdraw(ModuleId b, ConversationId session) {
        payments.withdraw(b, session, MoneyModuleBook.AgreementKind.EXCHANGE);
    }

    /** The value the module holds unconditionally, per currency it holds notes of (in currency order). */
    public Map<CurrencyCode, Money> balances(ModuleId module) {
        ModuleBook book = payments.open(payments.bookRecord(module));
        Map<CurrencyCode, Money> balances = new TreeMap<>();
        for (HeldNote note : book.notes().notes()) {
            balances.merge(note.remaining().currency(), note.remaining(), Money::plus);
        }
        balances.values().removeIf(m -> !m.isPositive());
        return balances;
    }

    /** The module's transaction log, oldest first, each entry's total in the currency of its notes. */
    public List<LogLine> log(ModuleId module) {
        return payments.open(payments.bookRecord(module)).log().entries().stream()
                .map(e -> new LogLine(e.kind().name(), e.direction().name(), e.conversation().toString(),
                        e.notes().stream().map(LoggedNote::amount).reduce(Money::plus)))
                .toList();
    }

    /** One party's side of an exchange, if the module has one. */
    public Optional<ExchangeView> exchange(ModuleId module, ConversationId exchange) {
        return network.findConversation(ProtocolConversation.keyOf(exchange, new ModuleAddress(module))).map(c -> {
            if (c.protocol() != Protocol.FX) {
                throw new IllegalArgumentException("conversation " + exchange + " is a " + c.protocol() + ", not an exchange");
            }
            FxState s = FxState.decode(PaymentSteps.Envelope.decode(steps.state(c)).state());
            return new ExchangeView(s.me().name(), s.phase().name(), c.isSettled(), s.outcome().map(Enum::name).orElse(null),
                    s.first().name(), s.give(), s.take());
        });
    }

    private static void checkAmounts(Money give, Money take) {
        if (give.currency().equals(take.currency())) {
            throw new IllegalArgumentException("an exchange needs two currencies, got " + give.currency() + " twice");
        }
        if (!give.isPositive() || !take.isPositive()) {
            throw new IllegalArgumentException("both amounts of an exchange must be positive: " + give + ", " + take);
        }
    }

    private static void refuseIfBusy(ModuleId module, MoneyModuleBook record) {
        if (record.activePayment().isPresent()) {
            throw new IllegalStateException("module " + module + " is already in a payment or exchange");
        }
    }

    /** One transaction log entry: kind, direction, conversation, and the total of its notes (none for an entry without notes). */
    public record LogLine(String kind, String direction, String conversation, Optional<Money> total) {

        public boolean is(LogEntry.Kind k, LogEntry.Direction d) {
            return kind.equals(k.name()) && direction.equals(d.name());
        }
    }

    /** A party's side of an exchange: A or B, its phase and outcome, S(X) (A or B), what it gives and takes. */
    public record ExchangeView(String role, String phase, boolean settled, String outcome, String firstTransferor, Money give,
            Money take) {
    }
}
