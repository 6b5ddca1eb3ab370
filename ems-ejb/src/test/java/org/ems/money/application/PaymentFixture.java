package org.ems.money.application;

import org.ems.network.application.NetworkFixture;
import org.ems.testing.DirectEvent;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ems.crypto.Crypto;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;
import org.ems.money.infrastructure.JpaMoneyBookRepository;
import org.ems.network.application.NetworkDispatcher;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.application.SecurityFixture;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The payments' application services over the network's test fixture (the JTA harness with a
 * transport that queues on commit, delivered by the test, and recorded timers). {@link #fund}
 * gives a module notes without a bank: issued by a money generator to a teller, transferred by the
 * teller to the module.
 */
public final class PaymentFixture implements AutoCloseable {

    public static final CurrencyCode USD = CurrencyCode.of("USD");
    public static final NetworkServerId NS = new NetworkServerId("ns-pay");

    public final NetworkFixture net;
    public final SecurityFixture security;
    public final NetworkFixture.CommitQueueTransport transport;
    public final NetworkFixture.RecordingTimeouts timeouts;
    public final NetworkService network;
    public final NetworkDispatcher dispatcher;
    public final PaymentSteps steps = new PaymentSteps();
    public final PaymentService payments = new PaymentService();
    public final FxSteps fxSteps = new FxSteps();
    public final FxService exchanges = new FxService();
    public final SettleFxSteps settleFxSteps = new SettleFxSteps();
    public final SettleFxService settlements = new SettleFxService();
    public final NoteCustody custody = new NoteCustody();
    public final ModuleId ss;
    /** The payments' settlement events, observed by whatever the test wires to them. */
    public final DirectEvent<PaymentSettled> settled = new DirectEvent<>();

    private Party generator;
    private Party teller;

    record Party(Certificate certificate, KeyPair keys) {
    }

    public PaymentFixture(String name, Class<?>... moreEntities) {
        net = new NetworkFixture(name, entities(moreEntities));
        security = net.security;
        transport = net.transport;
        timeouts = net.timeouts;
        network = net.network;
        dispatcher = net.dispatcher;

        steps.network = net.repository;
        steps.books = new JpaMoneyBookRepository(security.harness.transactionScopedEntityManager());
        steps.steps = net.steps;
        steps.contexts = net.contexts;
        steps.timeouts = net.timeouts;
        steps.atRest = net.atRest;
        steps.vault = security.vault;
        steps.trust = security.trust;
        steps.settings = net.settings;
        steps.clock = security.clock;
        steps.settledEvents = settled;
        custody.payments = steps;
        custody.books = steps.books;

        payments.payments = steps;
        payments.network = net.repository;
        payments.steps = net.steps;
        payments.random = security.random;
        fxSteps.payments = steps;
        fxSteps.network = net.repository;
        fxSteps.steps = net.steps;
        exchanges.exchanges = fxSteps;
        exchanges.payments = steps;
        exchanges.network = net.repository;
        exchanges.steps = net.steps;
        exchanges.random = security.random;
        settleFxSteps.payments = steps;
        settleFxSteps.network = net.repository;
        settleFxSteps.steps = net.steps;
        settlements.settlements = settleFxSteps;
        settlements.payments = steps;
        settlements.network = net.repository;
        settlements.steps = net.steps;
        settlements.random = security.random;
        net.routePaymentsTo(steps, fxSteps, settleFxSteps);

        security.tx(security.installation::install);
        ss = security.tx(security.primaries::createSecurityServer).subjectId();
        security.tx(() -> network.installNetworkServer(NS));
    }

    private static Class<?>[] entities(Class<?>... more) {
        Class<?>[] all = new Class<?>[more.length + 1];
        all[0] = MoneyModuleBook.class;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    /** A transaction module, hosted and signed on. */
    public ModuleId signedOnModule() {
        return signedOn(security.tx(() -> network.openModule(ModuleRole.TRANSACTION, ss, NS)).subjectId());
    }

    /** Signs a hosted module on. */
    public ModuleId signedOn(ModuleId id) {
        security.tx(() -> network.signOn(id, Optional.empty()));
        pump();
        if (!security.tx(() -> network.moduleView(id)).signedOn()) {
            throw new AssertionError("module " + id + " did not sign on");
        }
        return id;
    }

    /** An established session from {@code a} to {@code b}. */
    public ConversationId session(ModuleId a, ModuleId b) {
        ConversationId session = security.tx(() -> network.establishSession(a, b));
        pump();
        return session;
    }

    /** Gives {@code module} one note per amount (in cents): generator -> teller -> module, stored in its book. */
    public void fund(ModuleId module, long... cents) {
        fund(module, USD, cents);
    }

    /** Gives {@code module} one note of {@code currency} per amount (in minor units), as {@link #fund(ModuleId, long...)}. */
    public void fund(ModuleId module, CurrencyCode currency, long... minor) {
        if (generator == null) {
            generator = party(ModuleRole.MONEY_GENERATOR);
            teller = party(ModuleRole.TELLER);
        }
        security.clock.advance(Duration.ofSeconds(1));
        Instant now = security.clock.instant();
        List<Note> notes = new ArrayList<>();
        for (long c : minor) {
            NoteBody body = new NoteBody(NoteId.random(security.random), generator.certificate().subjectId(), "BANK-1", now,
                    now.plus(Duration.ofDays(180)), Money.of(currency, c), NoteType.CURRENCY);
            Note issued = Note.issue(generator.certificate(), generator.keys().getPrivate(), body, teller.certificate().subjectId());
            notes.add(issued.transfer(teller.certificate(), teller.keys().getPrivate(), module, Money.of(currency, c), now, 1));
        }
        security.txRun(() -> steps.deposit(module, notes));
        security.clock.advance(Duration.ofSeconds(1));
    }

    private Party party(ModuleRole role) {
        KeyPair keys = Crypto.generateKeyPair(security.tx(() -> security.trust.keyLengthPolicy().modules()), security.random);
        Certificate certificate = security.tx(() -> security.securityServers.certifyModule(ss, role, keys.getPublic().getEncoded()));
        return new Party(certificate, keys);
    }

    public static Money usd(long cents) {
        return Money.of(USD, cents);
    }

    public Money balance(ModuleId module) {
        return security.tx(() -> payments.balance(module, USD));
    }

    public List<PaymentService.LogLine> log(ModuleId module) {
        return security.tx(() -> payments.log(module, USD));
    }

    public int pump() {
        return net.pump();
    }

    public boolean deliverNext() {
        return net.deliverNext();
    }

    public void fireDueTimers() {
        net.fireDueTimers();
    }

    @Override
    public void close() {
        net.close();
    }
}
