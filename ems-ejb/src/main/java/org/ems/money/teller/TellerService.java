package org.ems.money.teller;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.ems.bank.application.BankGateway;
import org.ems.bank.application.BankReplyRecorded;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.application.NoteCustody;
import org.ems.money.application.PaymentService;
import org.ems.money.application.PaymentSettled;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.protocol.TellerOperation;
import org.ems.money.protocol.TellerOperation.Command;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.security.domain.ModuleId;

/**
 * The teller money module of each bank: withdrawals and deposits for hosted transaction modules,
 * inside the module's established session with the teller. Each call and each event (a payment
 * of the teller settled, a bank reply recorded) is one step of a {@link TellerOperation}, run in
 * the caller's JTA transaction together with the payments, notes and bank requests it commands.
 */
@Stateless
public class TellerService {

    private static final Logger LOG = Logger.getLogger(TellerService.class.getName());
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,64}");

    @Inject TellerRepository tellers;
    @Inject PaymentService payments;
    @Inject NoteCustody custody;
    @Inject MoneyGenerator generator;
    @Inject BankGateway gateway;
    @Inject AccountAuthorization authorization;
    @Inject Clock clock;

    /** Withdraws {@code amount} from {@code account} into the module (its notes in that currency are replaced). */
    public OperationView withdraw(ModuleId module, ConversationId session, AccountNumber account, Money amount, String idempotencyKey) {
        return start(TellerOperation.Kind.WITHDRAWAL, module, session, account, amount, idempotencyKey);
    }

    /** Deposits {@code amount} from the module into {@code account} (the rest of its notes come back fresh). */
    public OperationView deposit(ModuleId module, ConversationId session, AccountNumber account, Money amount, String idempotencyKey) {
        return start(TellerOperation.Kind.DEPOSIT, module, session, account, amount, idempotencyKey);
    }

    public Optional<OperationView> operation(ModuleId module, String idempotencyKey) {
        return tellers.operation(module, idempotencyKey).map(OperationView::of);
    }

    private OperationView start(TellerOperation.Kind kind, ModuleId module, ConversationId session, AccountNumber account,
                                Money amount, String key) {
        authorization.authorize(module, account);                // figure 20: a linked, valid profile and an active account
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("an idempotency key of 1-64 printable characters is required");
        }
        Optional<TellerOperationRecord> existing = tellers.operation(module, key);
        if (existing.isPresent()) {
            if (!existing.get().sameRequest(kind, account, amount, session)) {
                throw new IllegalStateException("idempotency key " + key + " was used for a different request");
            }
            return OperationView.of(existing.get());
        }
        TellerDesk desk = tellers.desk(account.bank())
                .orElseThrow(() -> new IllegalArgumentException("bank " + account.bank() + " has no EMS teller here"));
        if (desk.clearing(amount.currency()).isEmpty()) {
            throw new IllegalArgumentException("bank " + account.bank() + " does not issue " + amount.currency());
        }
        ModuleId peer = payments.peerOf(module, session);
        if (!peer.equals(desk.teller())) {
            throw new IllegalArgumentException("session " + session + " is with " + peer + ", not the teller of " + account.bank());
        }
        if (custody.isBusy(module)) {
            throw new IllegalStateException("module " + module + " is in a payment");
        }
        Money balance = custody.balance(module, amount.currency());
        if (balance.isPositive() && custody.isBusy(desk.teller())) {
            throw new IllegalStateException("the teller of " + account.bank() + " is busy: try again");
        }
        TellerOperation.Step step = TellerOperation.start(kind, amount, balance);
        TellerOperationRecord record = new TellerOperationRecord(UUID.randomUUID(), module, key, desk.teller(), desk.bank(), session,
                account, step.operation(), clock.instant());
        tellers.store(record);
        run(record, desk, step);
        return OperationView.of(record);
    }

    /** A payment of a teller or a module ended: the operation it belongs to moves on; a waiting one may now pay. */
    public void onPaymentSettled(@Observes PaymentSettled settled) {
        tellers.operationPaying(settled.payment())
                .filter(record -> record.teller().equals(settled.module()))
                .ifPresent(record -> paymentEnded(record, settled));
        for (TellerOperationRecord waiting : tellers.waitingFor(settled.module())) {
            if (!custody.isBusy(waiting.teller()) && !custody.isBusy(waiting.module())) {
                waiting.waiting(false);
                run(waiting, desk(waiting), new TellerOperation.Step(waiting.operation(),
                        List.of(new TellerOperation.IssueAndPay(waiting.operation().payout()))));
                return;
            }
        }
    }

    private void paymentEnded(TellerOperationRecord record, PaymentSettled settled) {
        TellerOperation op = record.operation();
        boolean collect = record.collectPayment().filter(settled.payment()::equals).isPresent();
        if (collect && op.phase() == TellerOperation.Phase.COLLECTING && settled.side() == Protocol.PAYEE) {
            run(record, desk(record), settled.isSuccess() ? op.collected() : op.collectFailed());
        } else if (!collect && op.phase() == TellerOperation.Phase.PAYING_OUT && settled.side() == Protocol.PAYER) {
            run(record, desk(record), settled.isSuccess() ? op.paidOut() : op.payoutAborted());
        }
    }

    /** A bank answered a request of a teller operation. */
    public void onBankReply(@Observes BankReplyRecorded recorded) {
        BankReply reply = recorded.reply();
        Optional<TellerBankRequest> request = tellers.bankRequest(reply.correlationId());
        if (request.isEmpty()) {
            return;
        }
        TellerOperationRecord record = tellers.operation(request.get().operationId()).orElseThrow();
        TellerOperation op = record.operation();
        boolean approved = reply.outcome() == BankReply.Outcome.APPROVED;
        if (request.get().purpose() == TellerBankRequest.Purpose.POST && op.phase() == TellerOperation.Phase.BANKING) {
            if (approved) {
                record.bankEntry(reply.entryId());
            }
            run(record, desk(record), approved ? op.bankApproved() : op.bankRefused(reply.reason().name()));
        } else if (request.get().purpose() != TellerBankRequest.Purpose.POST && op.phase() == TellerOperation.Phase.RETURNING_TO_ACCOUNT) {
            if (!approved) {
                LOG.severe(() -> "teller operation " + record.id() + ": the bank refused to take back value: " + reply.reason());
            }
            run(record, desk(record), op.followUpAnswered(approved));
        }
    }

    private void run(TellerOperationRecord record, TellerDesk desk, TellerOperation.Step step) {
        record.update(step.operation(), clock.instant());
        for (Command command : step.commands()) {
            if (command instanceof TellerOperation.Collect c) {
                payments.expect(desk.teller(), record.session(), record.module(), c.value());
                record.collectPayment(payments.pay(record.module(), record.session(), c.value()));
            } else if (command instanceof TellerOperation.Retire r) {
                retire(record, desk, r.value());
            } else if (command instanceof TellerOperation.Post p) {
                post(record, desk, p);
            } else if (command instanceof TellerOperation.IssueAndPay i) {
                issueAndPay(record, desk, i.value());
            } else if (command instanceof TellerOperation.Reverse) {
                send(record, desk, TellerBankRequest.Purpose.REVERSE, UUID.randomUUID(),
                        id -> new BankRequest(id, key(record, "reverse"), BankRequest.Kind.REVERSAL, null, null, null, null,
                                record.bankEntry().orElseThrow(), null));
            } else if (command instanceof TellerOperation.CreditAccount c) {
                send(record, desk, TellerBankRequest.Purpose.CREDIT, UUID.randomUUID(),
                        id -> new BankRequest(id, key(record, "credit"), BankRequest.Kind.DEPOSIT_FROM_EMS, clearing(desk, c.value()),
                                record.account(), ledger(c.value()), null, null, null));
            }
        }
    }

    private void retire(TellerOperationRecord record, TellerDesk desk, Money value) {
        Money taken = custody.takeOut(desk.teller(), value.currency());
        if (!taken.equals(value)) {
            // The teller holds notes only between receiving and retiring them; anything else is a defect to report.
            LOG.severe(() -> "teller operation " + record.id() + ": retiring " + value + " but the teller held " + taken);
        }
        tellers.circulation(desk.bank(), value.currency()).retire(taken);
    }

    private void post(TellerOperationRecord record, TellerDesk desk, TellerOperation.Post post) {
        boolean withdrawal = post.kind() == TellerOperation.Kind.WITHDRAWAL;
        AccountNumber clearing = clearing(desk, post.value());
        send(record, desk, TellerBankRequest.Purpose.POST, UUID.randomUUID(),
                id -> new BankRequest(id, key(record, "post"),
                        withdrawal ? BankRequest.Kind.WITHDRAWAL_TO_EMS : BankRequest.Kind.DEPOSIT_FROM_EMS,
                        withdrawal ? record.account() : clearing, withdrawal ? clearing : record.account(), ledger(post.value()),
                        null, null, null));
    }

    /** Fresh notes for the module: issued and paid now, or when the teller and the module are free. */
    private void issueAndPay(TellerOperationRecord record, TellerDesk desk, Money value) {
        if (custody.isBusy(desk.teller()) || custody.isBusy(record.module())) {
            record.waiting(true);
            return;
        }
        Note note = generator.issue(desk, value);
        custody.receiveIssued(desk.teller(), List.of(note));
        try {
            payments.peerOf(desk.teller(), record.session());
        } catch (IllegalArgumentException | IllegalStateException sessionGone) {
            LOG.info(() -> "teller operation " + record.id() + ": session gone, the value goes back to the account");
            run(record, desk, record.operation().payoutAborted());
            return;
        }
        payments.expect(record.module(), record.session(), desk.teller(), value);
        record.payoutPayment(payments.pay(desk.teller(), record.session(), value));
    }

    private void send(TellerOperationRecord record, TellerDesk desk, TellerBankRequest.Purpose purpose, UUID correlation,
                      java.util.function.Function<UUID, BankRequest> request) {
        tellers.store(new TellerBankRequest(correlation, record.id(), purpose));
        gateway.send(desk.bank(), request.apply(correlation));
    }

    private TellerDesk desk(TellerOperationRecord record) {
        return tellers.desk(record.bank()).orElseThrow();
    }

    private static AccountNumber clearing(TellerDesk desk, Money value) {
        return desk.clearing(value.currency()).orElseThrow();
    }

    private static String key(TellerOperationRecord record, String what) {
        return "ems-" + record.id() + "-" + what;
    }

    private static LedgerAmount ledger(Money value) {
        return LedgerAmount.of(value.amountMinor(), value.currency().code());
    }

    /** A teller operation as host applications see it. */
    public record OperationView(String id, String kind, String phase, Money amount, Money returned, Money payout, String bankRefusal,
                                boolean waiting, String collectPayment, String payoutPayment) {

        static OperationView of(TellerOperationRecord record) {
            TellerOperation op = record.operation();
            return new OperationView(record.id(), op.kind().name(), op.phase().name(), op.amount(), op.returned(), op.payout(),
                    op.bankRefusal().orElse(null), record.isWaiting(),
                    record.collectPayment().map(ConversationId::toString).orElse(null),
                    record.payoutPayment().map(ConversationId::toString).orElse(null));
        }
    }
}
