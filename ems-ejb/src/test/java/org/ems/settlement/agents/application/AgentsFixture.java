package org.ems.settlement.agents.application;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ems.money.application.PaymentFixture;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.ModuleBook;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentMessage;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.agents.domain.AgentSignature;
import org.ems.settlement.agents.domain.SignedAgentMessage;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleNotice;
import org.ems.settlement.application.CycleView;
import org.ems.settlement.application.SettlementCycles;
import org.ems.settlement.application.SettlementCyclesWiring;
import org.ems.settlement.application.SettlementWiring;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.Trade;

/**
 * The settlement agents wired as the container wires them, over {@link PaymentFixture} (JTA
 * harness, session frames queued on commit and delivered by the test): an in-memory
 * {@link AgentMessenger} that queues each message when its transaction commits, recorded
 * settlement timers, the cycles of the netting system. {@link #pump} delivers session frames and
 * agent messages, each in its own transaction, until both queues are empty.
 */
final class AgentsFixture implements AutoCloseable {

    static final AgentId MSC = new AgentId("MSC");
    static final CurrencyCode USD = CurrencyCode.of("USD");
    static final CurrencyCode JPY = CurrencyCode.of("JPY");
    static final LocalDate VALUE_DATE = LocalDate.of(2026, 12, 1);
    private static final AtomicInteger RUN = new AtomicInteger();

    final PaymentFixture f;
    final CommitQueueMessenger messenger = new CommitQueueMessenger();
    final RecordingTimers timers = new RecordingTimers();
    final List<CycleNotice> notices = new ArrayList<>();
    final SettlementCycles cycles;
    final JpaAgentRepository repository;
    final AgentWork work = new AgentWork();
    final MscAgent mscHost = new MscAgent();
    final MsaAgent msaHost = new MsaAgent();
    final CsaAgent csaHost = new CsaAgent();
    final MscService msc = new MscService();
    final CsaService csa = new CsaService();
    final SettlementAgentInbox inbox = new SettlementAgentInbox();
    final AgentSignatures signatures = new AgentSignatures();
    final AgentDirectory directory = new AgentDirectory();
    /** Every delivery's outcome, in order, with its line. */
    final List<Map.Entry<String, AgentDelivery>> deliveries = new ArrayList<>();
    /** Deliver every agent message twice in a row (the second must be a DUPLICATE). */
    boolean redeliverEach;
    /** Agent messages a test kept from delivery. */
    final List<String> held = new ArrayList<>();
    /** Value given to modules by {@link #fund}, per currency. */
    final Map<CurrencyCode, Money> funded = new LinkedHashMap<>();

    AgentsFixture(String name) {
        Class<?>[] entities = Stream.concat(Arrays.stream(SettlementWiring.ENTITIES),
                Stream.of(SettlementAgentRecord.class, AgentWorkItem.class, AgentFact.class, AgentReceivedMessage.class))
                .toArray(Class<?>[]::new);
        f = new PaymentFixture(name + RUN.incrementAndGet(), entities);
        var em = f.security.harness.transactionScopedEntityManager();
        var clock = f.security.clock;
        cycles = SettlementCyclesWiring.over(em, notices::add, clock);
        repository = new JpaAgentRepository(em);

        work.agents = repository;
        work.settlements = f.settlements;
        work.custody = f.custody;
        work.books = new org.ems.money.infrastructure.JpaMoneyBookRepository(em);
        work.network = f.net.repository;
        work.messenger = messenger;
        work.signatures = signatures;
        signatures.network = f.net.repository;
        signatures.steps = f.net.steps;
        signatures.vault = f.security.vault;
        signatures.trust = f.security.trust;
        signatures.clock = clock;
        work.clock = clock;
        work.msc = mscHost;
        work.msa = msaHost;
        work.csa = csaHost;
        mscHost.agents = repository;
        mscHost.work = work;
        mscHost.cycles = cycles;
        mscHost.clock = clock;
        msaHost.agents = repository;
        msaHost.work = work;
        msaHost.clock = clock;
        csaHost.agents = repository;
        csaHost.work = work;
        csaHost.custody = f.custody;
        csaHost.clock = clock;
        msc.agents = repository;
        msc.work = work;
        msc.host = mscHost;
        msc.cycles = cycles;
        msc.timers = timers;
        msc.clock = clock;
        csa.agents = repository;
        csa.host = csaHost;
        inbox.agents = repository;
        inbox.work = work;
        inbox.signatures = signatures;
        inbox.clock = clock;
        directory.agents = repository;
        directory.network = f.net.repository;
        directory.networkService = f.network;
        directory.clock = clock;
        directory.work = work;
        f.settled.observe(work::onPaymentSettled);
    }

    /** Registers and connects an MSC, one MSA per group and the group's CSAs under it; returns each agent's module. */
    Map<AgentId, ModuleId> agents(List<List<String>> csasPerMsa) {
        Map<AgentId, ModuleId> modules = new LinkedHashMap<>();
        ModuleId mscModule = f.signedOnModule();
        modules.put(MSC, mscModule);
        tx(() -> directory.register(MSC, AgentRole.MSC, mscModule, Optional.empty()));
        for (int i = 0; i < csasPerMsa.size(); i++) {
            AgentId msa = new AgentId("MSA" + (i + 1));
            ModuleId msaModule = f.signedOnModule();
            modules.put(msa, msaModule);
            tx(() -> directory.register(msa, AgentRole.MSA, msaModule, Optional.of(MSC)));
            tx(() -> directory.connect(msa));
            for (String code : csasPerMsa.get(i)) {
                AgentId csaId = new AgentId(code);
                ModuleId csaModule = f.signedOnModule();
                modules.put(csaId, csaModule);
                tx(() -> directory.register(csaId, AgentRole.CSA, csaModule, Optional.of(msa)));
                tx(() -> directory.connect(csaId));
            }
        }
        f.pump();
        return modules;
    }

    /** Opens a cycle among the counterparties, books the trade lines, and closes it at its cut-off. */
    CycleView closedCycle(String id, List<String> counterparties, List<String> tradeLines) {
        CycleId cycle = new CycleId(id);
        Instant cutOff = f.security.clock.instant().plus(Duration.ofMinutes(10));
        tx(() -> cycles.open(cycle, VALUE_DATE, cutOff, counterparties.stream().map(CounterpartyId::new).toList()));
        for (String line : tradeLines) {
            tx(() -> cycles.submit(cycle, Trade.decode(line)));
        }
        f.security.clock.advance(Duration.ofMinutes(10));
        return tx(() -> cycles.close(cycle));
    }

    /** Gives a module notes (one per amount) and counts them as funded. */
    void fund(ModuleId module, CurrencyCode currency, long... minor) {
        f.fund(module, currency, minor);
        for (long m : minor) {
            funded.merge(currency, Money.of(currency, m), Money::plus);
        }
    }

    /** Delivers session frames and agent messages until neither has any left; returns how many agent messages. */
    int pump() {
        return pump(line -> false);
    }

    /** As {@link #pump()}, but agent messages that {@code hold} matches are set aside in {@link #held}, undelivered. */
    int pump(java.util.function.Predicate<String> hold) {
        int delivered = 0;
        while (true) {
            int frames = f.pump();
            String line = messenger.queue.poll();
            if (line != null && hold.test(line)) {
                held.add(line);
                continue;
            }
            if (line == null && frames == 0) {
                return delivered;
            }
            if (line != null) {
                deliver(line);
                delivered++;
                if (redeliverEach) {
                    AgentDelivery again = deliver(line);
                    if (again.status() != AgentDelivery.Status.DUPLICATE) {
                        throw new AssertionError("a redelivered message was " + again + ": " + line);
                    }
                }
            }
            if (delivered > 20_000) {
                throw new AssertionError("the settlement does not come to rest");
            }
        }
    }

    /** Delivers a line with the signature it was sent with (none if it was never sent), as the JMS consumer does. */
    AgentDelivery deliver(String line) {
        return deliver(line, Optional.ofNullable(messenger.signatures.get(line)));
    }

    AgentDelivery deliver(String line, Optional<String> signature) {
        AgentDelivery delivery = tx(() -> inbox.receive(line, signature));
        deliveries.add(Map.entry(line, delivery));
        return delivery;
    }

    /** The signature of {@code agent}'s module over any line (what that module's key could sign), in text form. */
    String signatureBy(AgentId agent, String line) {
        return tx(() -> {
            ModuleId module = repository.find(agent).orElseThrow().module();
            var key = f.security.vault.open(f.net.repository.findModule(module).orElseThrow().sealedPrivateKey());
            return AgentSignature.sign(line, key).text();
        });
    }

    List<Map.Entry<String, AgentDelivery>> refusals() {
        return deliveries.stream().filter(e -> e.getValue().isRefused()).toList();
    }

    Money balance(ModuleId module, CurrencyCode currency) {
        return tx(() -> f.custody.balance(module, currency));
    }

    /** Every hosted module's unconditional holdings of the currency, summed. */
    /**
     * Everything the agents hold of a cycle: each agent's work items, decision and USD and JPY
     * balances, and the cycle's paid-in count and state (what a refused message must leave as it was).
     */
    List<Object> holdings(String cycle, Map<AgentId, ModuleId> agents) {
        List<Object> all = new ArrayList<>();
        for (Map.Entry<AgentId, ModuleId> agent : agents.entrySet()) {
            all.add(workOf(agent.getKey(), cycle));
            all.add(decision(agent.getKey(), cycle));
            all.add(balance(agent.getValue(), USD));
            all.add(balance(agent.getValue(), JPY));
        }
        all.add(cycle(cycle).paidIn());
        all.add(cycle(cycle).state());
        return all;
    }

    Money heldByAll(CurrencyCode currency) {
        Money held = Money.zero(currency);
        for (ModuleBook book : tx(() -> f.custody.books()).values()) {
            held = held.plus(book.balance(currency));
        }
        return held;
    }

    CycleView cycle(String id) {
        return tx(() -> cycles.find(new CycleId(id))).orElseThrow();
    }

    Optional<String> decision(AgentId agent, String cycle) {
        return tx(() -> directory.fact(agent, new CycleId(cycle), CsaAgent.DECISION));
    }

    List<AgentDirectory.WorkView> workOf(AgentId agent, String cycle) {
        return tx(() -> directory.work(agent, new CycleId(cycle)));
    }

    <T> T tx(java.util.function.Supplier<T> work) {
        return f.security.tx(work);
    }

    void txRun(Runnable work) {
        f.security.txRun(work);
    }

    @Override
    public void close() {
        f.close();
    }

    /**
     * Queues a message's line when, and only if, the sending transaction commits (as the XA JMS send
     * does), and keeps the signature it was sent with (as the {@code ems_signature} property).
     */
    final class CommitQueueMessenger implements AgentMessenger {
        final Deque<String> queue = new ArrayDeque<>();
        final List<AgentMessage> sent = new ArrayList<>();
        /** The signature text each line was sent with. */
        final Map<String, String> signatures = new java.util.HashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public void send(SignedAgentMessage message) {
            // one synchronization per transaction, so the messages leave in the order they were sent (as in a JMS session)
            var registry = f.security.harness.synchronizationRegistry();
            List<SignedAgentMessage> pending = (List<SignedAgentMessage>) registry.getResource(this);
            if (pending == null) {
                List<SignedAgentMessage> batch = new ArrayList<>();
                registry.putResource(this, batch);
                registry.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        if (status == Status.STATUS_COMMITTED) {
                            for (SignedAgentMessage m : batch) {
                                queue.add(m.line());
                                sent.add(m.message());
                                signatures.put(m.line(), m.signature().text());
                            }
                        }
                    }
                });
                pending = batch;
            }
            pending.add(message);
        }
    }

    /** Records the armed settlement-time checks; the test calls {@link MscService#settlementTimeReached}. */
    static final class RecordingTimers implements SettlementTimers {
        final List<Map.Entry<CycleId, Instant>> armed = new ArrayList<>();

        @Override
        public void schedule(CycleId cycle, Instant at) {
            armed.add(Map.entry(cycle, at));
        }
    }
}
