package org.ems.money.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.protocol.LogEntry;
import org.ems.money.protocol.LoggedNote;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.money.protocol.PaymentStep;
import org.ems.money.protocol.SettleFxParty;
import org.ems.money.protocol.SettleFxState;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.money.protocol.SettlementPacket;
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
 * Settle Foreign Exchange (figure 27) between hosted modules inside their established session:
 * B agrees to a settlement its peer A proposes ({@link #expect}: what B sends, possibly nothing,
 * and what B's Realtime Settlement host expects from A), A starts ({@link #settle}: what A sends
 * and what its host expects from B); the protocol then runs one step per JTA transaction as the
 * session delivers its messages. Each host confirms the peer's amounts only if they are exactly
 * the ones it expects; otherwise both sides end AMOUNTS_REFUSED with their books unchanged. A
 * module takes part in one payment, exchange or settlement at a time. Amounts are from the calling
 * module's side: what it sends, what it receives, by type of note and monetary unit.
 */
@Stateless
public class SettleFxService {

    /** The longest an agreement may count without its first message ({@link #expect} with a lifetime). */
    public static final Duration MAX_AGREEMENT_LIFETIME = Duration.ofHours(24);

    @Inject SettleFxSteps settlements;
    @Inject PaymentSteps payments;
    @Inject NetworkRepository network;
    @Inject ConversationSteps steps;
    @Inject SecureRandom random;

    /**
     * A starts a settlement with the peer of the session, sending {@code give} and expecting
     * exactly {@code take} (nothing for a one-way payment): checks its funds and sends its
     * amounts. Refuses (changing nothing) bad amounts, a module without the funds or already in a
     * payment, exchange or settlement, and a session not established.
     */
    public ConversationId settle(ModuleId a, ConversationId session, SettlementAmounts give, SettlementAmounts take) {
        checkAmounts(give, take, "A");
        HostedModule module = payments.module(a);
        ModuleAddress self = new ModuleAddress(a);
        SessionState state = payments.establishedSession(self, session);
        MoneyModuleBook record = payments.bookRecord(a);
        refuseIfBusy(a, record);
        ConversationId settlement = ConversationId.random(random);
        ModuleBook book = payments.open(record);
        PaymentStep<SettleFxState> step = SettleFxParty.startA(settlements.context(module, settlement, take), book,
                state.peerAddress().id(), give, FxSteps.firstTransferor(state));
        if (step.outcome().equals(Optional.of(PaymentOutcome.INSUFFICIENT_FUNDS))) {
            throw insufficient(book, give);
        }
        settlements.record(self, session, settlement, Optional.empty(), record, take, step);
        return settlement;
    }

    /**
     * B agrees to send {@code give} (possibly nothing) to {@code a}, its peer in the session, for
     * exactly {@code take} from it; A's amounts start its side if they arrive within the network's
     * reply timeout (after it the agreement expires: B is free again and late amounts are ignored, so
     * A times out with its notes). Replaces an earlier agreement of B that no message has started.
     * Refuses bad amounts, a module without the funds to send or already in a payment, exchange or
     * settlement, and a peer that is not {@code a}.
     */
    public void expect(ModuleId b, ConversationId session, ModuleId a, SettlementAmounts give, SettlementAmounts take) {
        expect(b, session, a, give, take, payments.agreementLifetime());
    }

    /**
     * As {@link #expect(ModuleId, ConversationId, ModuleId, SettlementAmounts, SettlementAmounts)},
     * the agreement counting for {@code lifetime} instead of the reply timeout: for a host that
     * agrees before A is free to start (A starts when its own host says so). Refuses a lifetime
     * that is not positive or exceeds {@link #MAX_AGREEMENT_LIFETIME}.
     */
    public void expect(ModuleId b, ConversationId session, ModuleId a, SettlementAmounts give, SettlementAmounts take,
                       Duration lifetime) {
        agree(new MoneyModuleBook.SettleFxExpectation(session, a, give, take), b, lifetime);
    }

    private void agree(MoneyModuleBook.SettleFxExpectation agreement, ModuleId b, Duration lifetime) {
        ConversationId session = agreement.session();
        ModuleId a = agreement.peer();
        SettlementAmounts give = agreement.give();
        SettlementAmounts take = agreement.take();
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_AGREEMENT_LIFETIME) > 0) {
            throw new IllegalArgumentException("an agreement counts for a positive time of at most " + MAX_AGREEMENT_LIFETIME
                    + ", not " + lifetime);
        }
        checkAmounts(take, give, "A");
        payments.module(b);
        SessionState state = payments.establishedSession(new ModuleAddress(b), session);
        if (!state.peerAddress().id().equals(a)) {
            throw new IllegalArgumentException("the peer in session " + session + " is " + state.peerAddress() + ", not " + a);
        }
        MoneyModuleBook record = payments.bookRecord(b);
        refuseIfBusy(b, record);
        ModuleBook book = payments.open(record);
        for (SettlementAmounts.Line line : give.lines()) {
            Money held = heldOf(book, line);
            if (held.compareTo(line.amount()) < 0) {
                throw new InsufficientFundsException(held, line.amount());
            }
        }
        record.expectSettleFx(agreement, payments.now(), lifetime);
    }

    /**
     * As {@link #expect(ModuleId, ConversationId, ModuleId, SettlementAmounts, SettlementAmounts, Duration)}
     * sending nothing, B's host confirming any part of {@code take} (each amount at most the one
     * agreed): for a transfer larger than one packet carries, which A settles packet by packet
     * ({@link #packet}) and B's host counts against what is left. {@link SettlementView#take} says
     * what the settlement carried.
     */
    public void expectUpTo(ModuleId b, ConversationId session, ModuleId a, SettlementAmounts take, Duration lifetime) {
        agree(new MoneyModuleBook.SettleFxExpectation(session, a, SettlementAmounts.none(), take, true), b, lifetime);
    }

    /**
     * What of {@code give} one Settle Foreign Exchange of {@code a} carries now
     * ({@link SettlementPacket#fitting}): all of it unless its notes exceed a packet; empty when
     * the module does not hold one note of the first amount.
     */
    public SettlementAmounts packet(ModuleId a, SettlementAmounts give) {
        payments.module(a);
        return SettlementPacket.fitting(payments.open(payments.bookRecord(a)), give, payments.now());
    }

    /**
     * B's host withdraws the settlement it agreed to in {@code session} that A's amounts have not
     * started (expired or not): B is free at once, and amounts arriving later are ignored (A times
     * out with its notes). Refused (IllegalStateException, nothing changed) when B holds no such
     * agreement, in particular once A's amounts started it ({@link #holdsAgreement} tells).
     */
    public void withdraw(ModuleId b, ConversationId session) {
        payments.withdraw(b, session, MoneyModuleBook.AgreementKind.SETTLEMENT);
    }

    /** Whether {@code b} holds a settlement agreement in {@code session} that no message has started (expired or not), one {@link #withdraw} takes. */
    public boolean holdsAgreement(ModuleId b, ConversationId session) {
        payments.module(b);
        return payments.bookRecord(b).holdsAgreement(MoneyModuleBook.AgreementKind.SETTLEMENT, session);
    }

    /** One party's side of a settlement, if the module has one. */
    public Optional<SettlementView> settlement(ModuleId module, ConversationId settlement) {
        return network.findConversation(ProtocolConversation.keyOf(settlement, new ModuleAddress(module))).map(c -> {
            if (c.protocol() != Protocol.SETTLE_FX) {
                throw new IllegalArgumentException("conversation " + settlement + " is a " + c.protocol() + ", not a settlement");
            }
            SettleFxSteps.Party party = SettleFxSteps.Party.decode(PaymentSteps.Envelope.decode(steps.state(c)).state());
            SettleFxState s = party.state();
            return new SettlementView(s.me().name(), s.phase().name(), c.isSettled(), s.outcome().map(Enum::name).orElse(null),
                    s.first().name(), s.give(), party.expected(), s.take());
        });
    }

    /** The module's transaction log, oldest first, each entry's totals per currency of its notes (in currency order). */
    public List<LogLine> log(ModuleId module) {
        return payments.open(payments.bookRecord(module)).log().entries().stream()
                .map(e -> {
                    Map<CurrencyCode, Money> totals = new TreeMap<>();
                    e.notes().stream().map(LoggedNote::amount).forEach(m -> totals.merge(m.currency(), m, Money::plus));
                    return new LogLine(e.kind().name(), e.direction().name(), e.conversation().toString(), Map.copyOf(totals));
                })
                .toList();
    }

    /** The initiator always sends something; no line may go both ways; each side's lines are checked by {@link SettlementAmounts}. */
    private static void checkAmounts(SettlementAmounts aGives, SettlementAmounts bGives, String initiator) {
        if (aGives.isEmpty()) {
            throw new IllegalArgumentException("a settlement's initiator " + initiator
                    + " sends something (a one-way payment goes from A to B)");
        }
        for (SettlementAmounts.Line line : aGives.lines()) {
            if (bGives.lines().stream().anyMatch(other -> other.type() == line.type()
                    && other.amount().currency().equals(line.amount().currency()))) {
                throw new IllegalArgumentException("both sides of a settlement send " + line.type() + " " + line.amount().currency()
                        + ": " + aGives + " against " + bGives);
            }
        }
    }

    private static void refuseIfBusy(ModuleId module, MoneyModuleBook record) {
        if (record.activePayment().isPresent()) {
            throw new IllegalStateException("module " + module + " is already in a payment, exchange or settlement");
        }
    }

    /** What the book holds of the line's type and currency. */
    private static Money heldOf(ModuleBook book, SettlementAmounts.Line line) {
        Money held = Money.zero(line.amount().currency());
        for (HeldNote note : book.notes().notesOf(line.amount().currency())) {
            if (note.note().body().type() == line.type()) {
                held = held.plus(note.remaining());
            }
        }
        return held;
    }

    /** The refusal for the first amount the book cannot cover (or, when each is covered alone, the first amount: too many notes). */
    private static InsufficientFundsException insufficient(ModuleBook book, SettlementAmounts give) {
        for (SettlementAmounts.Line line : give.lines()) {
            Money held = heldOf(book, line);
            if (held.compareTo(line.amount()) < 0) {
                return new InsufficientFundsException(held, line.amount());
            }
        }
        SettlementAmounts.Line first = give.lines().get(0);
        return new InsufficientFundsException(heldOf(book, first), first.amount());
    }

    /** One transaction log entry: kind, direction, conversation, and the totals of its notes per currency (none without notes). */
    public record LogLine(String kind, String direction, String conversation, Map<CurrencyCode, Money> totals) {

        public boolean is(LogEntry.Kind k, LogEntry.Direction d) {
            return kind.equals(k.name()) && direction.equals(d.name());
        }
    }

    /**
     * A party's side of a settlement: A or B, its phase and outcome, S(X) (A or B), what it sends,
     * what its host agreed to receive ({@code expected}: exactly, or at most with {@link #expectUpTo})
     * and what the peer's amounts said once confirmed ({@code take}; none before).
     */
    public record SettlementView(String role, String phase, boolean settled, String outcome, String firstTransferor,
            SettlementAmounts give, SettlementAmounts expected, SettlementAmounts take) {
    }
}
