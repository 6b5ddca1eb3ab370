package org.ems.provider.application;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.ems.bank.application.BankGateway;
import org.ems.bank.application.BankHostWiring;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.LedgerAmount;
import org.ems.bank.domain.PinHash;
import org.ems.crypto.AtRestCipher;
import org.ems.provider.domain.CallbackCall;
import org.ems.provider.domain.CallbackChallenge;
import org.ems.provider.domain.CardPurse;
import org.ems.provider.domain.Charge;
import java.time.Duration;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteId;
import org.ems.provider.domain.EmoneyIssue;
import org.ems.provider.domain.EmoneyPiece;
import org.ems.provider.domain.HeldEmoney;
import org.ems.provider.domain.HostSettlement;
import org.ems.provider.domain.IcCard;
import org.ems.provider.domain.IssuingModule;
import org.ems.provider.domain.IssuedEmoney;
import org.ems.provider.domain.ProviderAccount;
import org.ems.provider.domain.SettlementBatch;
import org.ems.provider.domain.SettlementInstruction;
import org.ems.provider.domain.SettlementKey;
import org.ems.provider.domain.Terminal;
import org.ems.security.application.SecurityFixture;
import org.ems.security.domain.ModuleId;
import org.ems.testing.ManualClock;
import org.ems.testing.jta.JtaHarness;

/**
 * The provider scheme's services and the built-in banks over one JTA harness, wired by hand as
 * the container wires them. Bank requests leave through a gateway that queues them on commit;
 * {@link #pump} delivers each to the bank host in its own transaction and records the reply, as
 * the JMS consumers do ({@link #pumpLosingReplies} posts but loses the replies: a timeout).
 */
final class ProviderFixture implements AutoCloseable {

    static final String JPY = "JPY";
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final String CAPITAL_NUMBER = "900";

    final SecurityFixture security;
    final JtaHarness harness;
    final ManualClock clock;
    final SecureRandom random;
    /** The security server that certifies the provider's generator, cards and terminals. */
    final ModuleId ss;
    final ProviderModules modules;
    final BankHostWiring bank;
    final CommitQueueGateway gateway = new CommitQueueGateway();
    final ProviderKeys keys;
    final BankPosRelayService relay;
    final ProviderAdministration admin = new ProviderAdministration();
    final TerminalLine line = new TerminalLine();
    final ProviderHostService host = new ProviderHostService();
    final ProviderTerminalService chargers = new ProviderTerminalService();
    final MerchantTerminalService merchants = new MerchantTerminalService();

    record Queued(BankId bank, BankRequest request) {
    }

    /** The bank gateway port: a request leaves when the sender's transaction commits. */
    final class CommitQueueGateway implements BankGateway {
        final Deque<Queued> queue = new ArrayDeque<>();
        final List<Queued> sent = new ArrayList<>();

        @Override
        public void send(BankId to, BankRequest request) {
            harness.synchronizationRegistry().registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        queue.add(new Queued(to, request));
                        sent.add(new Queued(to, request));
                    }
                }
            });
        }
    }

    ProviderFixture(String name) {
        this(name, true);
    }

    /** {@code openIssuer}: whether the provider's generator and teller are certified at once. */
    ProviderFixture(String name, boolean openIssuer) {
        List<Class<?>> entities = new ArrayList<>(List.of(BankHostWiring.ENTITIES));
        entities.addAll(List.of(ProviderAccount.class, Terminal.class, CallbackChallenge.class, Charge.class, IcCard.class,
                CardPurse.class, IssuedEmoney.class, HeldEmoney.class, SettlementBatch.class, HostSettlement.class,
                IssuingModule.class));
        security = new SecurityFixture(name + RUN.incrementAndGet(), entities.toArray(Class<?>[]::new));
        harness = security.harness;
        clock = security.clock;
        random = security.random;
        AtRestCipher atRest = new AtRestCipher(new byte[32], random);
        bank = new BankHostWiring(harness, atRest, random, clock);

        modules = harness.injectPersistenceContexts(new ProviderModules());
        modules.securityServers = security.securityServers;
        modules.trust = security.trust;
        modules.vault = security.vault;
        modules.random = random;
        modules.clock = clock;
        keys = new ProviderKeys();
        keys.atRest = atRest;
        keys.random = random;
        relay = harness.injectPersistenceContexts(new BankPosRelayService());
        relay.gateway = gateway;
        harness.injectPersistenceContexts(admin);
        admin.keys = keys;
        admin.modules = modules;
        admin.random = random;
        admin.clock = clock;
        admin.cardPinIterations = PinHash.MIN_ITERATIONS;
        harness.injectPersistenceContexts(line);
        line.keys = keys;
        harness.injectPersistenceContexts(host);
        host.keys = keys;
        host.modules = modules;
        host.noteLifetimeDays = 365;
        host.pinKeys = bank.pinKeys;
        host.random = random;
        host.clock = clock;
        harness.injectPersistenceContexts(chargers);
        chargers.relay = relay;
        chargers.pinKeys = bank.pinKeys;
        chargers.replies = bank.replies;
        chargers.clock = clock;
        chargers.modules = modules;
        harness.injectPersistenceContexts(merchants);
        merchants.relay = relay;
        merchants.replies = bank.replies;
        merchants.clock = clock;
        merchants.modules = modules;
        merchants.random = random;

        security.txRun(() -> security.installation.install());
        ss = security.tx(security.primaries::createSecurityServer).subjectId();
        if (openIssuer) {
            txRun(() -> admin.openIssuer(ss));
        }
    }

    <T> T tx(Supplier<T> work) {
        return harness.fromTransaction(em -> work.get());
    }

    void txRun(Runnable work) {
        harness.inTransaction(em -> work.run());
    }

    // ---- banks and parties

    /** A bank with its capital account (funds opening balances). */
    void openBank(BankId id) {
        txRun(() -> bank.host.openInternalAccount(capital(id), "Capital", JPY));
    }

    AccountNumber customer(BankId at, String number, String pin, long fundedMinor) {
        AccountNumber account = new AccountNumber(at, "1", number);
        txRun(() -> {
            bank.host.openCustomerAccount(account, "Holder " + number, JPY, AccountKind.DEPOSIT, 0, pin.toCharArray());
            if (fundedMinor > 0) {
                bank.host.fund("fund-" + account, capital(at), account, jpy(fundedMinor));
            }
        });
        return account;
    }

    /** The provider's account at {@code at} (no overdraft), registered with the provider host. */
    AccountNumber providerAccount(BankId at, String pin) {
        AccountNumber account = customer(at, "500", pin, 0);
        txRun(() -> admin.registerAccount(account, pin.toCharArray()));
        return account;
    }

    /** A provider terminal: registered with the host, its bank-POS id assigned by each of {@code banks}. */
    void providerTerminal(String terminalId, BankId... banks) {
        txRun(() -> {
            admin.registerProviderTerminal(terminalId);
            for (BankId b : banks) {
                bank.host.assignTerminal(Terminal.providerPosId(terminalId, b), admin.providerAccountAt(b));
            }
        });
    }

    /** A merchant's account and terminal: the bank assigns the terminal id, the provider registers it. */
    AccountNumber merchant(BankId at, String number, String terminalId) {
        AccountNumber account = customer(at, number, "8642", 0);
        txRun(() -> {
            bank.host.assignTerminal(terminalId, account);
            admin.registerMerchantTerminal(terminalId, account);
        });
        return account;
    }

    void card(String cardId, String pin) {
        txRun(() -> admin.issueCard(cardId, JPY, pin.toCharArray()));
    }

    // ---- the flows, step by step as the parties run them

    /** Delivers every queued bank request in its own transaction; returns how many. */
    int pump() {
        return deliver(true);
    }

    /** The bank posts, but its replies never arrive (the terminal will time out). */
    int pumpLosingReplies() {
        return deliver(false);
    }

    private int deliver(boolean recordReplies) {
        int delivered = 0;
        while (!gateway.queue.isEmpty()) {
            Queued q = gateway.queue.poll();
            txRun(() -> {
                var reply = bank.host.handle(q.bank(), q.request());
                if (recordReplies) {
                    bank.replies.record(reply);
                }
            });
            delivered++;
        }
        return delivered;
    }

    /** Figure 6 end to end: sale, card, callback, e-money written. Returns the issue. */
    EmoneyIssue charge(String terminalId, String chargeKey, AccountNumber user, String bankPin, long amount, String cardId,
                       String cardPin) {
        UUID chargeId = tx(() -> chargers.charge(terminalId, chargeKey, user, bankPin.toCharArray(), jpy(amount)));
        pump();
        tx(() -> chargers.insertCard(chargeId, cardId, cardPin.toCharArray())).orThrow();
        CallbackCall call = tx(() -> host.requestEmoney(terminalId, chargeId));
        byte[] answer = tx(() -> line.answer(terminalId, call));
        EmoneyIssue issue = tx(() -> host.answerEmoneyCallback(call.challengeId(), answer)).orThrow();
        txRun(() -> chargers.writeEmoney(chargeId, issue));
        return issue;
    }

    /** A note signed with the provider's own generator and teller keys to the card's module, but never issued by the host. */
    EmoneyIssue mintOutsideTheHost(long amount, String cardId) {
        return tx(() -> {
            CardPurse card = harness.transactionScopedEntityManager().find(CardPurse.class, cardId);
            IssuingModule generator = modules.issuer(IssuingModule.Kind.GENERATOR);
            IssuingModule teller = modules.issuer(IssuingModule.Kind.TELLER);
            return EmoneyIssue.mint(generator.certificate(), modules.key(generator), teller.certificate(), modules.key(teller),
                    NoteId.random(random), Money.of(CurrencyCode.of(JPY), amount), card.moduleId(), clock.instant(), Duration.ofDays(365));
        });
    }

    /** A settlement request straight to the host, the call answered rightly: the host's outcome. */
    Outcome<SettlementInstruction> presentAndAnswer(SettlementKey key, LedgerAmount total, List<EmoneyPiece> pieces) {
        CallbackCall call = tx(() -> host.requestSettlement(key, total, pieces));
        byte[] answer = tx(() -> line.answer(key.terminalId(), call));
        return tx(() -> host.answerSettlementCallback(call.challengeId(), answer));
    }

    void sell(String terminalId, String saleKey, String cardId, String cardPin, long price) {
        tx(() -> merchants.sell(terminalId, saleKey, cardId, cardPin.toCharArray(), jpy(price))).orThrow();
    }

    /** Figure 8 up to the transfer: batch, host request, callback, instruction, transfer sent. */
    SettlementKey sendSettlement(String terminalId) {
        MerchantTerminalService.SettlementRequest request = tx(() -> merchants.startSettlement(terminalId, merchants.businessDay()));
        SettlementInstruction instruction = instruct(request);
        txRun(() -> merchants.transfer(terminalId, instruction));
        return request.key();
    }

    SettlementInstruction instruct(MerchantTerminalService.SettlementRequest request) {
        CallbackCall call = tx(() -> host.requestSettlement(request.key(), request.total(), request.pieces()));
        byte[] answer = tx(() -> line.answer(request.key().terminalId(), call));
        return tx(() -> host.answerSettlementCallback(call.challengeId(), answer)).orThrow();
    }

    /** Figure 8 end to end; returns the batch's final state. */
    SettlementBatch.State settle(String terminalId) {
        SettlementKey key = sendSettlement(terminalId);
        pump();
        return tx(() -> merchants.completeSettlement(terminalId, key));
    }

    LedgerAmount balance(AccountNumber account) {
        return tx(() -> bank.host.balance(account));
    }

    LedgerAmount cardBalance(String cardId) {
        return tx(() -> admin.cardBalance(cardId));
    }

    static LedgerAmount jpy(long minor) {
        return LedgerAmount.of(minor, JPY);
    }

    private static AccountNumber capital(BankId id) {
        return new AccountNumber(id, "1", CAPITAL_NUMBER);
    }

    @Override
    public void close() {
        harness.close();
    }
}
