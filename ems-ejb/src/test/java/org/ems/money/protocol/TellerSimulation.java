package org.ems.money.protocol;

import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.EXPIRES_AT;
import static org.ems.money.domain.NoteFixtures.GENERATOR;
import static org.ems.money.domain.NoteFixtures.ISSUED_AT;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.RANDOM;
import static org.ems.money.domain.NoteFixtures.TELLER;
import static org.ems.money.domain.NoteFixtures.USD;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.ems.bank.domain.Account;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankFixtures;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.BankRequestHandler;
import org.ems.bank.domain.EntryKind;
import org.ems.bank.domain.InMemoryBankRepository;
import org.ems.bank.domain.Ledger;
import org.ems.bank.domain.LedgerAmount;
import org.ems.bank.domain.PinHash;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.TellerOperation.Kind;
import org.ems.money.protocol.TellerOperation.Phase;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleRole;

/**
 * One seeded withdrawal or deposit at a teller under faults. The teller's side is the pure
 * {@link TellerOperation} executed the way {@code org.ems.money.teller.TellerService} executes it:
 * Collect runs a real Payer/Payee payment from the module A to the TELLER, Retire takes the
 * teller's notes of the currency out of circulation, Post / Reverse / CreditAccount are bank
 * requests with idempotency keys answered by a real {@link Ledger} (double entry, over
 * {@link InMemoryBankRepository}) through the {@link BankRequestHandler}, IssueAndPay has the
 * GENERATOR issue a fresh note to the teller, who pays it to the module.
 *
 * <p>Faults, as in {@link PaymentSimulation}: every durable state is kept as bytes between steps;
 * a party crashing before a step loses the step (the input is redelivered later on a durable
 * transport, lost in-VM), crashing after it keeps the step but (in-VM) loses the payment messages
 * it sent; payment messages are dropped, duplicated, reordered; timers fire early. The bank
 * transport is durable (JMS): a lost reply means the request is delivered again with the same
 * correlation id and idempotency key; replies and requests are duplicated; the teller records
 * each reply once (as {@code BankReplies} does). Bank refusals come from the ledger itself: a
 * withdrawal above the account's funds, or a closed account (which also refuses to take value
 * back, driving the operation to ATTENTION).
 *
 * <p>At quiescence, per currency: issued - retired (initial holdings count as issued) = held by
 * module and teller + in transit (0) + claimable failed commits; the EMS clearing account =
 * issued - retired + what the teller owes after the bank refused to take value back; the trial
 * balance balances; the customer's account + the module's holdings + claimable failed commits +
 * what the teller owes = the initial account + initial holdings; no note id is held twice or held
 * after being retired; the teller holds nothing.
 */
final class TellerSimulation {

    static final CurrencyCode GBP = FxFixtures.GBP;
    private static final List<Note> USD_POOL = LongStream.of(100, 250, 400, 700)
            .mapToObj(v -> FxFixtures.withdrawn(A, Money.of(USD, v))).toList();
    private static final List<Note> GBP_POOL = LongStream.of(150, 300, 500)
            .mapToObj(v -> FxFixtures.withdrawn(A, Money.of(GBP, v))).toList();
    private static final long[] ACCOUNTS = {0, 50, 300, 1000, 5000};
    private static final long[] WITHDRAWALS = {1, 99, 250, 600, 1000, 1500, 5001};
    private static final PinHash PIN = BankFixtures.pin(BankFixtures.PIN);
    private static final AccountNumber CUSTOMER = BankFixtures.number("100");
    /**
     * A copy of a request handled again after the teller acted on its reply (the XA transport consumes a request with its
     * reply, a resending or misbehaving requester need not). On: the bank keeps its refusals of EMS requests by key, so a
     * late copy of a refused withdrawal is refused again; {@code -Dems.teller.lateBankDuplicates=false} turns it off.
     */
    private static final boolean LATE_BANK_DUPLICATES =
            Boolean.parseBoolean(System.getProperty("ems.teller.lateBankDuplicates", "true"));
    /** Fresh notes, memoised by value and by how many the run issued before: the same notes every time. */
    private static final Map<String, Note> ISSUED = new ConcurrentHashMap<>();
    private static final NoteSigner MODULE_SIGNER = SimulatedCrypto.signer(A);
    private static final NoteSigner TELLER_SIGNER = SimulatedCrypto.signer(TELLER);
    private static final PaymentVerifier MODULE_VERIFIER = SimulatedCrypto.verifier(A);
    private static final PaymentVerifier TELLER_VERIFIER = SimulatedCrypto.verifier(TELLER, ModuleRole.TELLER);

    record Result(long seed, Kind kind, String summary, List<String> violations, List<String> trace) {
    }

    /** Fixed operations for the crash-at-every-step runs (USD; the module holds 400 + 250 unless said). */
    enum Scenario {
        WITHDRAW(Kind.WITHDRAWAL, 300, 1000, true, false),
        WITHDRAW_NOTHING_HELD(Kind.WITHDRAWAL, 300, 1000, false, false),
        WITHDRAW_ABOVE_FUNDS(Kind.WITHDRAWAL, 1001, 1000, true, false),
        DEPOSIT(Kind.DEPOSIT, 250, 1000, true, false),
        DEPOSIT_ALL(Kind.DEPOSIT, 650, 0, true, false),
        DEPOSIT_CLOSED_ACCOUNT(Kind.DEPOSIT, 250, 0, true, true);

        final Kind kind;
        final long amount;
        final long account;
        final boolean holds;
        final boolean closed;

        Scenario(Kind kind, long amount, long account, boolean holds, boolean closed) {
            this.kind = kind;
            this.amount = amount;
            this.account = account;
            this.holds = holds;
            this.closed = closed;
        }

        /** Whether the bank refuses the posting. */
        boolean refused() {
            return closed || kind == Kind.WITHDRAWAL && amount > account;
        }
    }

    /** One payment of the operation: both parties' durable states as bytes. */
    private static final class Payment {
        final String name;
        final boolean tellerPays;
        final Payer.Context payerContext;
        final Payee.Context payeeContext;
        byte[] payer;
        byte[] payee;
        boolean payerSettled;
        boolean payeeSettled;

        Payment(String name, ConversationId conversation, boolean tellerPays) {
            this.name = name;
            this.tellerPays = tellerPays;
            this.payerContext = new Payer.Context(conversation, NOW, tellerPays ? TELLER_SIGNER : MODULE_SIGNER);
            this.payeeContext = new Payee.Context(conversation, NOW, tellerPays ? MODULE_VERIFIER : TELLER_VERIFIER);
        }

        void payer(PayerState state) {
            payer = state.encode();
            payerSettled = state.isSettled();
        }

        void payee(PayeeState state) {
            payee = state.encode();
            payeeSettled = state.isSettled();
        }

        String who(boolean payerSide) {
            return (payerSide == tellerPays ? "teller" : "module") + "/" + name;
        }
    }

    private record InFlight(Payment payment, boolean toPayer, PaymentMessage message) {
    }

    private final long seed;
    private final Random random;
    private final Kind kind;
    private final boolean durable;
    private final double dropRate;
    private final double duplicateRate;
    private final double crashRate;
    private final double timerRate;
    private final double replyLossRate;
    private final int crashStep;
    private final boolean crashBefore;
    private int steps;
    private int faults;

    private final CurrencyCode currency;
    private final Money amount;
    private final long initialAccount;
    private final boolean closedAccount;
    private final Map<CurrencyCode, Long> initialHeld = new HashMap<>();
    private final InMemoryBankRepository bankRepository = new InMemoryBankRepository();
    private final Ledger ledger = new Ledger(BankFixtures.BANK, bankRepository);
    private final BankRequestHandler bank = new BankRequestHandler(ledger, (block, correlation) -> null, bankRepository);
    private final Map<CurrencyCode, AccountNumber> clearing = new HashMap<>();
    private final int openingEntries;

    private final List<String> trace = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<InFlight> network = new ArrayList<>();
    private final List<InFlight> outbox = new ArrayList<>();
    private final List<BankRequest> bankInbox = new ArrayList<>();
    private final List<BankReply> replyInbox = new ArrayList<>();

    // The module A.
    private byte[] moduleBook;
    private Payment moduleActive;
    // The teller: book, circulation, and its operation record.
    private byte[] tellerBook = ModuleBook.of(NoteDirectory.empty()).encode();
    private Payment tellerActive;
    private final Map<CurrencyCode, Long> issued = new HashMap<>();
    private final Map<CurrencyCode, Long> retired = new HashMap<>();
    private final Set<NoteId> retiredIds = new HashSet<>();
    private int issuedNotes;
    private boolean started;
    private boolean refusedAtStart;
    private TellerOperation operation;
    private Payment collect;
    private Payment payout;
    private boolean waiting;
    private UUID bankEntry;
    private final Map<UUID, TellerOperation.Command> requests = new HashMap<>();
    private final Set<UUID> repliesRecorded = new HashSet<>();
    /** Value the bank refused to take back (an ATTENTION operation): the teller owes it. */
    private long owedByTeller;

    /** A run with random parameters and faults: a withdrawal for an even seed, a deposit for an odd one. */
    TellerSimulation(long seed) {
        this.seed = seed;
        this.random = new Random(new SplittableRandom(seed).nextLong());
        this.kind = kindOf(seed);
        this.durable = random.nextBoolean();
        double scale = random.nextInt(3) == 0 ? 0.2 : 1; // a third of the runs have light faults, to reach every ending often
        this.dropRate = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 0.2 * scale;
        this.duplicateRate = random.nextDouble() * 0.2 * scale;
        this.crashRate = random.nextDouble() * 0.2 * scale;
        this.timerRate = random.nextInt(3) == 0 ? 0.005 : random.nextDouble() * 0.3 * scale;
        this.replyLossRate = random.nextDouble() * 0.3 * scale;
        this.crashStep = -1;
        this.crashBefore = false;
        this.currency = random.nextInt(3) == 0 ? GBP : USD;
        List<Note> held = new ArrayList<>();
        USD_POOL.stream().filter(n -> random.nextInt(3) != 0).forEach(held::add);
        GBP_POOL.stream().filter(n -> random.nextInt(2) == 0).forEach(held::add);
        this.closedAccount = random.nextInt(10) == 0;
        this.initialAccount = closedAccount ? 0 : ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        this.openingEntries = setUp(held);
        long balance = initialHeld.getOrDefault(currency, 0L);
        // Deposits: mostly at most the module's balance, sometimes above it (refused at the start, changing nothing). Few
        // distinct amounts, so that the fresh notes (issued, signed and verified for real, memoised) are few.
        long[] deposits = {1, 100, 250, balance / 2, balance - 1, balance, balance, balance + 1};
        long deposit = balance == 0 ? 100 : deposits[random.nextInt(deposits.length)];
        this.amount = Money.of(currency, kind == Kind.WITHDRAWAL ? WITHDRAWALS[random.nextInt(WITHDRAWALS.length)]
                : deposit > 0 ? deposit : balance);
    }

    static Kind kindOf(long seed) {
        return seed % 2 == 0 ? Kind.WITHDRAWAL : Kind.DEPOSIT;
    }

    /** A run without random faults that crashes one party before or after its {@code crashStep}-th step. */
    TellerSimulation(Scenario scenario, boolean durable, int crashStep, boolean crashBefore) {
        this.seed = crashStep;
        this.random = new Random(crashStep);
        this.kind = scenario.kind;
        this.durable = durable;
        this.dropRate = 0;
        this.duplicateRate = 0;
        this.crashRate = 0;
        this.timerRate = 0;
        this.replyLossRate = 0;
        this.crashStep = crashStep;
        this.crashBefore = crashBefore;
        this.currency = USD;
        this.closedAccount = scenario.closed;
        this.initialAccount = scenario.account;
        this.amount = Money.of(USD, scenario.amount);
        this.openingEntries = setUp(scenario.holds ? List.of(USD_POOL.get(1), USD_POOL.get(2)) : List.of());
    }

    /** The module's notes and the bank: capital and clearing accounts per currency, the customer's account; returns the entries posted. */
    private int setUp(List<Note> held) {
        NoteDirectory directory = NoteDirectory.empty();
        for (Note note : held) {
            directory = directory.withReceived(note);
            initialHeld.merge(note.receivedAmount().currency(), note.receivedAmount().amountMinor(), Long::sum);
        }
        moduleBook = ModuleBook.of(directory).encode();
        int entries = 0;
        int n = 0;
        for (CurrencyCode c : List.of(USD, GBP)) {
            n++;
            AccountNumber capital = BankFixtures.number("90" + n);
            AccountNumber clearingAccount = BankFixtures.number("91" + n);
            ledger.open(Account.internal(capital, "Capital " + c, c.code(), BankFixtures.T0));
            ledger.open(Account.internal(clearingAccount, "EMS clearing " + c, c.code(), BankFixtures.T0));
            clearing.put(c, clearingAccount);
            long outstanding = initialHeld.getOrDefault(c, 0L);
            if (outstanding > 0) {
                // The module's notes were withdrawn before: the clearing account backs them.
                ledger.post("opening-clearing-" + c, EntryKind.OPENING_BALANCE, capital, clearingAccount,
                        LedgerAmount.of(outstanding, c.code()), BankFixtures.T0);
                entries++;
            }
            if (c.equals(currency)) {
                ledger.open(new Account(CUSTOMER, "Customer", c.code(), org.ems.bank.domain.AccountKind.DEPOSIT, 0, PIN,
                        BankFixtures.T0));
                if (initialAccount > 0) {
                    ledger.post("opening-customer", EntryKind.OPENING_BALANCE, capital, CUSTOMER,
                            LedgerAmount.of(initialAccount, c.code()), BankFixtures.T0);
                    entries++;
                }
                if (closedAccount) {
                    bankRepository.findAccount(CUSTOMER).orElseThrow().close();
                }
            }
        }
        return entries;
    }

    Result run() {
        trace.add("seed " + seed + ": " + kind + " " + amount + ", module holds " + initialHeld + ", account " + initialAccount
                + (closedAccount ? " (closed)" : "") + ", durable=" + durable + String.format(
                " drop=%.2f dup=%.2f crash=%.2f timer=%.2f replyLoss=%.2f", dropRate, duplicateRate, crashRate, timerRate,
                replyLossRate));
        try {
            for (int event = 0; event < 600 && !quiescent(); event++) {
                if (!event(true)) {
                    break;
                }
            }
            // Drain: no more faults; every message is delivered and timers end whatever waits.
            for (int event = 0; event < 300 && !quiescent(); event++) {
                if (!event(false)) {
                    break;
                }
            }
            check();
        } catch (RuntimeException e) {
            violations.add("exception: " + e);
            StackTraceElement[] stack = e.getStackTrace();
            for (int i = 0; i < Math.min(8, stack.length); i++) {
                trace.add("    at " + stack[i]);
            }
        }
        return new Result(seed, kind, summary(), List.copyOf(violations), trace);
    }

    /** One event; false when nothing can happen any more. */
    private boolean event(boolean withFaults) {
        if (!started) {
            start(withFaults);
            return true;
        }
        List<Object[]> timers = timers();
        boolean inFlight = !network.isEmpty() || !bankInbox.isEmpty() || !replyInbox.isEmpty();
        if (!inFlight && timers.isEmpty()) {
            return false;
        }
        if (!timers.isEmpty() && (!inFlight || withFaults && chance(timerRate))) {
            fireTimer(timers.get(withFaults ? random.nextInt(timers.size()) : 0), withFaults);
            return true;
        }
        List<Integer> queues = new ArrayList<>();
        if (!network.isEmpty()) {
            queues.add(0);
        }
        if (!bankInbox.isEmpty()) {
            queues.add(1);
        }
        if (!replyInbox.isEmpty()) {
            queues.add(2);
        }
        int queue = withFaults ? queues.get(random.nextInt(queues.size())) : queues.get(0);
        if (queue == 0) {
            deliver(network.remove(withFaults ? random.nextInt(network.size()) : 0), withFaults);
        } else if (queue == 1) {
            deliverToBank(bankInbox.remove(withFaults ? random.nextInt(bankInbox.size()) : 0), withFaults);
        } else {
            deliverReply(replyInbox.remove(withFaults ? random.nextInt(replyInbox.size()) : 0), withFaults);
        }
        return true;
    }

    // ---- the teller's operation, executed as TellerService executes it ----

    private void start(boolean withFaults) {
        boolean hit = forcedHit();
        if (withFaults && chance(crashRate) || hit && crashBefore) {
            fault("the teller crashed before starting; the module asks again with the same idempotency key");
            return;
        }
        started = true;
        Money balance = ModuleBook.decode(moduleBook).balance(currency);
        TellerOperation.Step step;
        try {
            step = TellerOperation.start(kind, amount, balance);
        } catch (InsufficientFundsException e) {
            refusedAtStart = true;
            trace.add("teller refuses at the start: " + e.getMessage());
            return;
        }
        trace.add("teller starts: " + step.operation().phase() + " " + step.commands());
        run(step);
        flush(withFaults && chance(crashRate) || hit && !crashBefore);
    }

    private void run(TellerOperation.Step step) {
        operation = step.operation();
        trace.add("    operation " + operation.phase() + (step.commands().isEmpty() ? "" : " runs " + step.commands()));
        for (TellerOperation.Command command : step.commands()) {
            if (command instanceof TellerOperation.Collect c) {
                collect = new Payment("collect", new ConversationId(seed, 1), false);
                collect.payee(Payee.expect(collect.payeeContext, takeBook(false, collect), A.id(), c.value()));
                PaymentStep<PayerState> first = Payer.start(collect.payerContext, takeBook(true, collect), TELLER.id(), c.value());
                collect.payer(first.state());
                outbox(collect, true, first.outgoing());
                settledIfSo(collect, true, first.state().isSettled(), first.state().outcome());
            } else if (command instanceof TellerOperation.Retire r) {
                retire(r.value());
            } else if (command instanceof TellerOperation.Post p) {
                boolean withdrawal = p.kind() == Kind.WITHDRAWAL;
                send(command, new BankRequest(uuid(), key("post"),
                        withdrawal ? BankRequest.Kind.WITHDRAWAL_TO_EMS : BankRequest.Kind.DEPOSIT_FROM_EMS,
                        withdrawal ? CUSTOMER : clearing.get(currency), withdrawal ? clearing.get(currency) : CUSTOMER,
                        ledgerAmount(p.value()), null, null, null));
            } else if (command instanceof TellerOperation.IssueAndPay i) {
                issueAndPay(i.value());
            } else if (command instanceof TellerOperation.Reverse) {
                send(command, new BankRequest(uuid(), key("reverse"), BankRequest.Kind.REVERSAL, null, null, null, null,
                        Optional.ofNullable(bankEntry).orElseThrow(), null));
            } else if (command instanceof TellerOperation.CreditAccount c) {
                send(command, new BankRequest(uuid(), key("credit"), BankRequest.Kind.DEPOSIT_FROM_EMS, clearing.get(currency),
                        CUSTOMER, ledgerAmount(c.value()), null, null, null));
            }
        }
    }

    private void retire(Money value) {
        if (tellerActive != null) {
            violations.add("retiring " + value + " while the teller is in a payment");
            return;
        }
        ModuleBook book = ModuleBook.decode(tellerBook);
        NoteDirectory directory = book.notes();
        long taken = 0;
        for (HeldNote held : directory.notesOf(value.currency())) {
            directory = directory.afterPaying(held.note().lastTransferKey(), Optional.empty());
            taken += held.remaining().amountMinor();
            retiredIds.add(held.id());
        }
        if (taken != value.amountMinor()) {
            violations.add("retiring " + value + " but the teller held " + taken);
        }
        tellerBook = new ModuleBook(directory, book.log()).encode();
        retired.merge(value.currency(), taken, Long::sum);
        trace.add("    teller retires " + taken);
    }

    private void issueAndPay(Money value) {
        if (tellerActive != null || moduleActive != null) {
            waiting = true;
            trace.add("    payout waits: the teller or the module is in a payment");
            return;
        }
        Note note = ISSUED.computeIfAbsent(value + "#" + issuedNotes++, k -> Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(),
                new NoteBody(NoteId.random(RANDOM), GENERATOR.id(), "BANK-1", ISSUED_AT, EXPIRES_AT, value, NoteType.CURRENCY),
                TELLER.id()));
        ModuleBook book = ModuleBook.decode(tellerBook);
        tellerBook = new ModuleBook(book.notes().withReceived(note), book.log()).encode();
        issued.merge(value.currency(), value.amountMinor(), Long::sum);
        trace.add("    generator issues " + value + " to the teller");
        payout = new Payment("payout", new ConversationId(seed, 2), true);
        payout.payee(Payee.expect(payout.payeeContext, takeBook(false, payout), TELLER.id(), value));
        PaymentStep<PayerState> first = Payer.start(payout.payerContext, takeBook(true, payout), A.id(), value);
        payout.payer(first.state());
        outbox(payout, true, first.outgoing());
        settledIfSo(payout, true, first.state().isSettled(), first.state().outcome());
    }

    /** The party of {@code payment} on this side enters the payment with its book. */
    private ModuleBook takeBook(boolean payerSide, Payment payment) {
        if (payerSide == payment.tellerPays) {
            ModuleBook book = ModuleBook.decode(tellerBook);
            tellerBook = null;
            tellerActive = payment;
            return book;
        }
        ModuleBook book = ModuleBook.decode(moduleBook);
        moduleBook = null;
        moduleActive = payment;
        return book;
    }

    /** A payment party settled: its book is its own again; the teller's operation moves on (PaymentSettled). */
    private void settledIfSo(Payment payment, boolean payerSide, boolean settled, Optional<PaymentOutcome> outcome) {
        if (!settled) {
            return;
        }
        ModuleBook book = payerSide ? PayerState.decode(payment.payer).book() : PayeeState.decode(payment.payee).book();
        boolean teller = payerSide == payment.tellerPays;
        if (teller) {
            tellerBook = book.encode();
            tellerActive = null;
        } else {
            moduleBook = book.encode();
            moduleActive = null;
        }
        boolean success = outcome.map(PaymentOutcome::isSuccess).orElse(false);
        if (teller && payment == collect && operation.phase() == Phase.COLLECTING && !payerSide) {
            run(success ? operation.collected() : operation.collectFailed());
        } else if (teller && payment == payout && operation.phase() == Phase.PAYING_OUT && payerSide) {
            run(success ? operation.paidOut() : operation.payoutAborted());
        }
        if (waiting && tellerActive == null && moduleActive == null) {
            waiting = false;
            run(new TellerOperation.Step(operation, List.of(new TellerOperation.IssueAndPay(operation.payout()))));
        }
    }

    private void send(TellerOperation.Command command, BankRequest request) {
        requests.put(request.correlationId(), command);
        bankInbox.add(request);
    }

    /** A bank reply reaches the teller (recorded once per correlation id, as BankReplies does). */
    private void onBankReply(BankReply reply) {
        if (!repliesRecorded.add(reply.correlationId())) {
            trace.add("  teller <- bank reply " + reply.outcome() + ": recorded before, ignored");
            return;
        }
        checkBetweenPayments();
        trace.add("  teller <- bank reply " + reply.outcome() + (reply.reason() == null ? "" : " " + reply.reason())
                + " to " + requests.get(reply.correlationId()));
        TellerOperation.Command request = requests.get(reply.correlationId());
        if (request == null) {
            return;
        }
        // Once the teller has the answer, no copy of the request is handled again: a refused request is not recorded
        // at the bank (docs/bank-gateway.md), so a copy evaluated after the teller acted on the refusal (e.g. after
        // the value went back to the account) could be approved and post what the teller treats as refused.
        if (!LATE_BANK_DUPLICATES && bankInbox.removeIf(r -> r.correlationId().equals(reply.correlationId()))) {
            trace.add("    pending copies of the request withdrawn");
        }
        boolean approved = reply.outcome() == BankReply.Outcome.APPROVED;
        if (request instanceof TellerOperation.Post && operation.phase() == Phase.BANKING) {
            if (approved) {
                bankEntry = reply.entryId();
            }
            run(approved ? operation.bankApproved() : operation.bankRefused(reply.reason().name()));
        } else if (!(request instanceof TellerOperation.Post) && operation.phase() == Phase.RETURNING_TO_ACCOUNT) {
            if (!approved) {
                owedByTeller += request instanceof TellerOperation.CreditAccount c ? c.value().amountMinor() : amount.amountMinor();
            }
            run(operation.followUpAnswered(approved));
        }
    }

    // ---- transports ----

    private void deliver(InFlight message, boolean withFaults) {
        if (withFaults && chance(dropRate)) {
            fault("dropped " + message.message() + " to " + message.payment().who(message.toPayer()));
            return;
        }
        if (withFaults && chance(duplicateRate)) {
            fault("duplicated " + message.message());
            network.add(message);
        }
        boolean hit = forcedHit();
        if (withFaults && chance(crashRate) || hit && crashBefore) {
            if (durable) {
                fault(message.payment().who(message.toPayer()) + " crashed before the step; the message is redelivered later");
                network.add(message);
            } else {
                fault(message.payment().who(message.toPayer()) + " crashed before the step; the in-VM message is lost");
            }
            return;
        }
        Payment payment = message.payment();
        if (message.toPayer()) {
            PayerState before = PayerState.decode(payment.payer);
            PaymentStep<PayerState> step = Payer.onMessage(payment.payerContext, before, message.message());
            record(payment.who(true), message.message().toString(), step.disposition() + " " + step.state().phase(), step.outgoing());
            if (step.isAccepted()) {
                payment.payer(step.state());
                outbox(payment, true, step.outgoing());
                settledIfSo(payment, true, !before.isSettled() && step.state().isSettled(), step.state().outcome());
            }
        } else {
            PayeeState before = PayeeState.decode(payment.payee);
            PaymentStep<PayeeState> step = Payee.onMessage(payment.payeeContext, before, message.message());
            record(payment.who(false), message.message().toString(), step.disposition() + " " + step.state().phase(), step.outgoing());
            if (step.isAccepted()) {
                payment.payee(step.state());
                outbox(payment, false, step.outgoing());
                settledIfSo(payment, false, !before.isSettled() && step.state().isSettled(), step.state().outcome());
            }
        }
        flush(withFaults && chance(crashRate) || hit && !crashBefore);
    }

    /** The unsettled payment parties, each {Payment, payerSide}. */
    private List<Object[]> timers() {
        List<Object[]> unsettled = new ArrayList<>();
        for (Payment payment : new Payment[] {collect, payout}) {
            if (payment == null) {
                continue;
            }
            if (!payment.payerSettled) {
                unsettled.add(new Object[] {payment, true});
            }
            if (!payment.payeeSettled) {
                unsettled.add(new Object[] {payment, false});
            }
        }
        return unsettled;
    }

    private void fireTimer(Object[] party, boolean withFaults) {
        Payment payment = (Payment) party[0];
        boolean payerSide = (Boolean) party[1];
        if (!network.isEmpty() || !bankInbox.isEmpty() || !replyInbox.isEmpty()) {
            fault("the timer of " + payment.who(payerSide) + " fires early, with messages still in flight");
        }
        if (payerSide) {
            PaymentStep<PayerState> step = Payer.onTimeout(payment.payerContext, PayerState.decode(payment.payer));
            record(payment.who(true), "timeout", step.state().phase().name(), step.outgoing());
            payment.payer(step.state());
            outbox(payment, true, step.outgoing());
            settledIfSo(payment, true, step.state().isSettled(), step.state().outcome());
        } else {
            PaymentStep<PayeeState> step = Payee.onTimeout(payment.payeeContext, PayeeState.decode(payment.payee));
            record(payment.who(false), "timeout", step.state().phase().name(), step.outgoing());
            payment.payee(step.state());
            outbox(payment, false, step.outgoing());
            settledIfSo(payment, false, step.state().isSettled(), step.state().outcome());
        }
        flush(withFaults && chance(crashRate));
    }

    private void deliverToBank(BankRequest request, boolean withFaults) {
        if (withFaults && chance(duplicateRate)) {
            fault("bank request " + request.kind() + " duplicated");
            bankInbox.add(request);
        }
        BankReply reply = bank.handle(request, NOW);
        if (withFaults && chance(replyLossRate)) {
            fault("bank reply " + reply.outcome() + " to " + request.kind() + " lost; the request is resent with the same key");
            bankInbox.add(request);
            return;
        }
        trace.add("  bank <- " + request.kind() + " " + request.idempotencyKey() + ": " + reply.outcome()
                + (reply.reason() == null ? "" : " " + reply.reason()));
        replyInbox.add(reply);
    }

    private void deliverReply(BankReply reply, boolean withFaults) {
        if (withFaults && chance(duplicateRate)) {
            fault("bank reply duplicated");
            replyInbox.add(reply);
        }
        boolean hit = forcedHit();
        if (withFaults && chance(crashRate) || hit && crashBefore) {
            fault("the teller crashed before recording the bank reply; it is redelivered");
            replyInbox.add(reply);
            return;
        }
        onBankReply(reply);
        flush(withFaults && chance(crashRate) || hit && !crashBefore);
    }

    private void outbox(Payment payment, boolean fromPayer, List<PaymentMessage> messages) {
        messages.forEach(m -> outbox.add(new InFlight(payment, !fromPayer, m)));
    }

    /** The step's transaction commits; a crash right after it loses (in-VM) the payment messages it sent. */
    private void flush(boolean crashAfter) {
        if (crashAfter && !durable && !outbox.isEmpty()) {
            fault("crashed after the step; in-VM " + outbox.stream().map(m -> m.message().toString()).toList() + " lost");
        } else {
            network.addAll(outbox);
        }
        outbox.clear();
    }

    private boolean quiescent() {
        return started && network.isEmpty() && bankInbox.isEmpty() && replyInbox.isEmpty() && timers().isEmpty() && !waiting
                && (refusedAtStart || operation.phase().isFinal());
    }

    // ---- the invariants ----

    private void check() {
        if (!quiescent()) {
            violations.add("not quiescent after the drain: " + (operation == null ? "not started" : operation.phase())
                    + (waiting ? " waiting" : ""));
            return;
        }
        ModuleBook module = ModuleBook.decode(moduleBook);
        ModuleBook teller = ModuleBook.decode(tellerBook);
        for (CurrencyCode c : List.of(USD, GBP)) {
            Totals totals = totals(c, module, teller);
            long initial = initialHeld.getOrDefault(c, 0L);
            long outstanding = totals.outstanding();
            long moduleHolds = totals.moduleHolds();
            long held = totals.held();
            long transit = totals.transit();
            long claimable = totals.claimable();
            long owed = c.equals(currency) ? owedByTeller : 0;
            long clearingBalance = ledger.balance(clearing.get(c)).minor();
            if (transit != 0) {
                violations.add(c + ": " + transit + " in transit at rest");
            }
            if (outstanding != held + transit + claimable) {
                violations.add(c + ": issued - retired " + outstanding + " != held " + held + " + in transit " + transit
                        + " + claimable failed commits " + claimable);
            }
            if (clearingBalance != outstanding + owed) {
                violations.add(c + ": EMS clearing " + clearingBalance + " != issued - retired " + outstanding
                        + (owed == 0 ? "" : " + owed by the teller " + owed));
            }
            if (teller.balance(c).isPositive()) {
                violations.add(c + ": the teller still holds " + teller.balance(c));
            }
            if (c.equals(currency)) {
                long account = ledger.balance(CUSTOMER).minor();
                if (account + moduleHolds + claimable + owed != initialAccount + initial) {
                    violations.add(c + ": account " + account + " + module " + moduleHolds + " + claimable " + claimable
                            + " + owed " + owed + " != initial " + initialAccount + " + " + initial);
                }
                checkOutcome(account, moduleHolds, claimable, initial);
            } else if (moduleHolds != initial || claimable != 0) {
                violations.add(c + ": the module's other currency changed: " + initial + " -> " + moduleHolds);
            }
        }
        if (!ledger.trialBalance().balances()) {
            violations.add("the bank's trial balance does not balance: " + ledger.trialBalance());
        }
        Set<NoteId> ids = new HashSet<>();
        for (ModuleBook book : List.of(module, teller)) {
            for (HeldNote held : book.notes().notes()) {
                if (!ids.add(held.id())) {
                    violations.add("note " + held.id() + " held twice");
                }
                if (retiredIds.contains(held.id())) {
                    violations.add("note " + held.id() + " held after it was retired");
                }
            }
        }
    }

    private record Totals(long outstanding, long moduleHolds, long held, long transit, long claimable) {
    }

    /** Per currency: issued - retired (initial holdings count as issued), held, in transit, claimable failed commits. */
    private Totals totals(CurrencyCode c, ModuleBook module, ModuleBook teller) {
        Map<ConversationId, LogEntry> sent = new HashMap<>();
        for (ModuleBook book : List.of(module, teller)) {
            for (LogEntry entry : book.log().entries()) {
                if (entry.direction() == LogEntry.Direction.SENT) {
                    sent.put(entry.conversation(), entry); // the last SENT entry of each transfer
                }
            }
        }
        long outstanding = initialHeld.getOrDefault(c, 0L) + issued.getOrDefault(c, 0L) - retired.getOrDefault(c, 0L);
        long moduleHolds = module.balance(c).amountMinor();
        long transit = 0;
        for (LogEntry entry : sent.values()) {
            if (entry.kind() == LogEntry.Kind.CONDITIONAL) {
                transit += entry.total(c).amountMinor();
            }
        }
        // A failed commit counts only if the sender committed its side of that transfer.
        long claimable = 0;
        for (ModuleBook book : List.of(module, teller)) {
            for (LogEntry failed : book.log().failedCommits()) {
                LogEntry last = sent.get(failed.conversation());
                if (last != null && last.kind() == LogEntry.Kind.UNCONDITIONAL) {
                    claimable += failed.total(c).amountMinor();
                }
            }
        }
        return new Totals(outstanding, moduleHolds, moduleHolds + teller.balance(c).amountMinor(), transit, claimable);
    }

    /**
     * Between the payments (the teller waiting for the bank), the notes are conserved without any term for what the
     * teller owes: the notes it collected are retired, and the module no longer holds them.
     */
    private void checkBetweenPayments() {
        if (tellerActive != null || moduleActive != null) {
            return;
        }
        ModuleBook module = ModuleBook.decode(moduleBook);
        ModuleBook teller = ModuleBook.decode(tellerBook);
        Totals totals = totals(currency, module, teller);
        if (totals.outstanding() != totals.held() + totals.transit() + totals.claimable()) {
            violations.add("in " + operation.phase() + ": issued - retired " + totals.outstanding() + " != held " + totals.held()
                    + " + in transit " + totals.transit() + " + claimable " + totals.claimable());
        }
    }

    /** What each ending means for the account and the module. */
    private void checkOutcome(long account, long moduleHolds, long claimable, long initial) {
        if (refusedAtStart) {
            if (kind != Kind.DEPOSIT || amount.amountMinor() <= initial) {
                violations.add("refused at the start without cause");
            }
            if (account != initialAccount || moduleHolds != initial || bankRepository.entryCount() != openingEntries) {
                violations.add("a refused start changed something");
            }
            return;
        }
        long signed = kind == Kind.WITHDRAWAL ? -amount.amountMinor() : amount.amountMinor();
        boolean bankRefuses = closedAccount || kind == Kind.WITHDRAWAL && amount.amountMinor() > initialAccount;
        Long expectedAccount = switch (operation.phase()) {
            case COMPLETED -> initialAccount + signed;
            case REFUSED, FAILED -> (long) initialAccount;
            case RETURNED_TO_ACCOUNT -> initialAccount + operation.returned().amountMinor();
            default -> null;
        };
        if (expectedAccount != null && account != expectedAccount) {
            violations.add(operation.phase() + " but the account is " + account + ", not " + expectedAccount);
        }
        if (operation.phase() == Phase.COMPLETED && moduleHolds + claimable != initial - signed) {
            violations.add("COMPLETED but the module holds " + moduleHolds + " + claimable " + claimable + ", not " + (initial - signed));
        }
        if (operation.phase() == Phase.COMPLETED && bankRefuses || operation.phase() == Phase.REFUSED && !bankRefuses) {
            violations.add(operation.phase() + " although the bank " + (bankRefuses ? "refuses" : "approves"));
        }
        if (faults == 0 && operation.phase() != (bankRefuses ? Phase.REFUSED : Phase.COMPLETED)) {
            violations.add("no faults, yet the operation ended " + operation.phase());
        }
    }

    private String summary() {
        String ending = refusedAtStart ? "REFUSED_AT_START" : operation == null ? "NOT_STARTED" : operation.phase().name();
        String payments = (collect == null ? "-" : PayerState.decode(collect.payer).phase() + "/" + PayeeState.decode(collect.payee).phase())
                + " " + (payout == null ? "-" : PayerState.decode(payout.payer).phase() + "/" + PayeeState.decode(payout.payee).phase());
        return ending + " " + payments + " faults=" + faults;
    }

    // ---- helpers ----

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private String key(String what) {
        return "ems-" + seed + "-" + what;
    }

    private static LedgerAmount ledgerAmount(Money value) {
        return LedgerAmount.of(value.amountMinor(), value.currency().code());
    }

    /** Counts a step; whether the forced crash hits it. */
    private boolean forcedHit() {
        return steps++ == crashStep;
    }

    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    private void fault(String what) {
        faults++;
        trace.add("  FAULT " + what);
    }

    private void record(String who, String input, String result, List<PaymentMessage> sent) {
        trace.add("  " + who + " <- " + input + ": " + result + (sent.isEmpty() ? "" : " sends " + sent));
    }
}
