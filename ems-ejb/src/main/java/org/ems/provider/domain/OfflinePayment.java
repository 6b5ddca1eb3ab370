package org.ems.provider.domain;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejection;
import org.ems.money.protocol.ModuleBook;
import org.ems.money.protocol.NoteSigner;
import org.ems.money.protocol.Payee;
import org.ems.money.protocol.PayeeState;
import org.ems.money.protocol.Payer;
import org.ems.money.protocol.PayerState;
import org.ems.money.protocol.PaymentMessage;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.money.protocol.PaymentStep;
import org.ems.money.protocol.PaymentVerifier;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * A payment between two money modules that touch (an IC card in a merchant terminal, figure 7):
 * the money issue's pure {@link Payer} and {@link Payee} state machines, their messages handed
 * from one to the other directly, with no network, host or bank. The payee starts from an empty
 * directory: what it received is returned, and the terminal keeps it in its own store.
 */
public final class OfflinePayment {

    /** Messages one payment exchanges: notes, Ready-to-Commit, acknowledgement (an abort at most once more). */
    private static final int MAX_MESSAGES = 8;

    /** How it ended: the payer's book afterwards and what the payee received (empty unless both committed). */
    public record Result(PaymentOutcome payerOutcome, PaymentOutcome payeeOutcome, ModuleBook payerBook, List<Note> received,
            Optional<NoteRejection> rejection) {

        public boolean isPaid() {
            return payerOutcome == PaymentOutcome.PAID && payeeOutcome == PaymentOutcome.RECEIVED;
        }
    }

    private OfflinePayment() {
    }

    public static Result run(ModuleBook payerBook, ModuleId payer, NoteSigner signer, ModuleId payee, PaymentVerifier payeeVerifier,
            Money amount, ConversationId conversation, Instant now) {
        Payer.Context payerContext = new Payer.Context(conversation, now, signer);
        Payee.Context payeeContext = new Payee.Context(conversation, now, payeeVerifier);
        PaymentStep<PayerState> started = Payer.start(payerContext, payerBook, payee, amount);
        PayerState x = started.state();
        PayeeState y = Payee.expect(payeeContext, ModuleBook.of(NoteDirectory.empty()), payer, amount);
        Deque<PaymentMessage> toPayee = new ArrayDeque<>(started.outgoing());
        Deque<PaymentMessage> toPayer = new ArrayDeque<>();
        int messages = 0;
        while (!toPayee.isEmpty() || !toPayer.isEmpty()) {
            if (++messages > MAX_MESSAGES) {
                throw new IllegalStateException("payment " + conversation + " did not settle in " + MAX_MESSAGES + " messages");
            }
            if (!toPayee.isEmpty()) {
                PaymentStep<PayeeState> step = Payee.onMessage(payeeContext, y, toPayee.poll());
                y = step.state();
                toPayer.addAll(step.outgoing());
            } else {
                PaymentStep<PayerState> step = Payer.onMessage(payerContext, x, toPayer.poll());
                x = step.state();
                toPayee.addAll(step.outgoing());
            }
        }
        if (!x.isSettled() || !y.isSettled()) {
            throw new IllegalStateException("payment " + conversation + " left a party unsettled: " + x.phase() + ", " + y.phase());
        }
        PaymentOutcome payerOutcome = x.outcome().orElseThrow();
        PaymentOutcome payeeOutcome = y.outcome().orElseThrow();
        boolean paid = payerOutcome == PaymentOutcome.PAID && payeeOutcome == PaymentOutcome.RECEIVED;
        return new Result(payerOutcome, payeeOutcome, paid ? x.book() : payerBook, paid ? y.received() : List.of(), y.rejection());
    }
}
