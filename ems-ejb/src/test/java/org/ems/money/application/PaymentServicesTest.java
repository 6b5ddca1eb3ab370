package org.ems.money.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.application.PaymentFixture.usd;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.protocol.LogEntry.Direction;
import org.ems.money.protocol.LogEntry.Kind;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkMessage;
import org.ems.security.domain.ModuleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payer-to-payee payment between two hosted transaction modules, inside their established
 * session, one JTA transaction per step (Hibernate + Derby XA + Narayana): the amount moves
 * exactly, the payer commits first, refusals and timeouts keep the payer's notes, redelivered
 * frames change nothing, and the sum of balances is conserved.
 */
class PaymentServicesTest {

    private static final AtomicInteger RUN = new AtomicInteger();

    private PaymentFixture f;
    private ModuleId a;
    private ModuleId b;
    private ConversationId session;

    @BeforeEach
    void start() {
        f = new PaymentFixture("payments" + RUN.incrementAndGet());
        a = f.signedOnModule();
        b = f.signedOnModule();
        session = f.session(a, b);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aFullPaymentMovesExactlyTheAmountAndThePayerCommitsFirst() {
        f.fund(a, 1000, 500);
        assertThat(f.balance(a)).isEqualTo(usd(1500));

        f.security.txRun(() -> f.payments.expect(b, session, a, usd(700)));
        ConversationId payment = f.security.tx(() -> f.payments.pay(a, session, usd(700)));

        assertThat(f.deliverNext()).isTrue();   // the notes reach the payee: verified, CONDITIONAL RECEIVED, Ready-to-Commit
        assertThat(last(f.log(b))).satisfies(l -> assertThat(l.is(Kind.CONDITIONAL, Direction.RECEIVED)).isTrue());
        assertThat(f.deliverNext()).isTrue();   // Ready-to-Commit reaches the payer: it commits and acknowledges
        assertThat(last(f.log(a))).satisfies(l -> assertThat(l.is(Kind.UNCONDITIONAL, Direction.SENT)).isTrue());
        assertThat(last(f.log(b))).satisfies(l -> assertThat(l.is(Kind.CONDITIONAL, Direction.RECEIVED)).isTrue());
        assertThat(f.balance(b)).isEqualTo(usd(0));
        assertThat(f.deliverNext()).isTrue();   // the acknowledgement: the payee commits last
        assertThat(f.pump()).isZero();

        assertThat(f.balance(a)).isEqualTo(usd(800));
        assertThat(f.balance(b)).isEqualTo(usd(700));
        assertThat(last(f.log(a)).total()).isEqualTo(usd(700));
        assertThat(last(f.log(b))).satisfies(l -> {
            assertThat(l.is(Kind.UNCONDITIONAL, Direction.RECEIVED)).isTrue();
            assertThat(l.total()).isEqualTo(usd(700));
        });
        assertThat(f.security.tx(() -> f.payments.payment(a, payment)).orElseThrow())
                .isEqualTo(new PaymentService.PaymentView("PAYER", "COMMITTED", true, "PAID"));
        assertThat(f.security.tx(() -> f.payments.payment(b, payment)).orElseThrow())
                .isEqualTo(new PaymentService.PaymentView("PAYEE", "COMMITTED", true, "RECEIVED"));
    }

    @Test
    void insufficientFundsAreRefusedAndChangeNothing() {
        f.fund(a, 300);
        f.security.txRun(() -> f.payments.expect(b, session, a, usd(500)));
        int sent = f.transport.sent.size();

        assertThatThrownBy(() -> f.security.tx(() -> f.payments.pay(a, session, usd(500))))
                .isInstanceOf(InsufficientFundsException.class);

        assertThat(f.transport.sent).hasSize(sent);
        assertThat(f.transport.queue).isEmpty();
        assertThat(f.balance(a)).isEqualTo(usd(300));
        assertThat(f.log(a)).isEmpty();
        assertThat(f.balance(b)).isEqualTo(usd(0));
    }

    @Test
    void aSilentPayeeMakesThePayerAbortOnTimeoutAndKeepItsNotes() {
        f.fund(a, 1000);
        f.security.txRun(() -> f.payments.expect(b, session, a, usd(400)));
        ConversationId payment = f.security.tx(() -> f.payments.pay(a, session, usd(400)));
        f.transport.queue.poll();               // the notes are lost: the payee never answers

        f.security.clock.advance(Duration.ofSeconds(10));
        f.fireDueTimers();                      // not yet due
        assertThat(f.security.tx(() -> f.payments.payment(a, payment)).orElseThrow().settled()).isFalse();

        f.security.clock.advance(Duration.ofSeconds(31));
        f.fireDueTimers();
        f.pump();                               // the abort follows a lost frame: the payee's session sees the gap and ends

        assertThat(f.security.tx(() -> f.payments.payment(a, payment)).orElseThrow())
                .isEqualTo(new PaymentService.PaymentView("PAYER", "ABORTED", true, "TIMED_OUT"));
        assertThat(f.balance(a)).isEqualTo(usd(1000));
        assertThat(f.balance(b)).isEqualTo(usd(0));
        assertThat(last(f.log(a)).is(Kind.ABORTED, Direction.SENT)).isTrue();

        assertThat(f.security.tx(() -> f.network.conversation(session))).extracting(v -> v.outcome())
                .contains("SESSION_ENDED_TAMPERED");

        // the payer is free again and its notes still pay, in a new session
        ConversationId fresh = f.session(a, b);
        f.security.txRun(() -> f.payments.expect(b, fresh, a, usd(400)));
        ConversationId again = f.security.tx(() -> f.payments.pay(a, fresh, usd(400)));
        f.pump();
        assertThat(f.balance(b)).isEqualTo(usd(400));
        assertThat(f.balance(a)).isEqualTo(usd(600));
        assertThat(f.security.tx(() -> f.payments.payment(a, again)).orElseThrow().outcome()).isEqualTo("PAID");
    }

    @Test
    void aLostAcknowledgementLeavesTheCommittedPayerPaidAndThePayeeWithAFailedCommitRecord() {
        f.fund(a, 1000);
        f.security.txRun(() -> f.payments.expect(b, session, a, usd(600)));
        ConversationId payment = f.security.tx(() -> f.payments.pay(a, session, usd(600)));
        f.deliverNext();                        // notes -> payee: Ready-to-Commit
        f.deliverNext();                        // Ready-to-Commit -> payer: commits, acknowledges
        f.transport.queue.poll();               // the acknowledgement is lost

        f.security.clock.advance(Duration.ofSeconds(31));
        f.fireDueTimers();
        f.pump();

        assertThat(f.security.tx(() -> f.payments.payment(a, payment)).orElseThrow().outcome()).isEqualTo("PAID");
        assertThat(f.security.tx(() -> f.payments.payment(b, payment)).orElseThrow())
                .isEqualTo(new PaymentService.PaymentView("PAYEE", "FAILED_COMMIT", true, "FAILED_COMMIT"));
        assertThat(f.balance(a)).isEqualTo(usd(400));
        assertThat(f.balance(b)).isEqualTo(usd(0));
        assertThat(last(f.log(a)).is(Kind.UNCONDITIONAL, Direction.SENT)).isTrue();
        assertThat(last(f.log(b))).satisfies(l -> {
            assertThat(l.is(Kind.FAILED_COMMIT, Direction.RECEIVED)).isTrue();
            assertThat(l.total()).isEqualTo(usd(600));   // what a claim would recover: held + claimable is conserved
        });
    }

    @Test
    void redeliveredFramesChangeNothing() {
        f.fund(a, 1000);
        f.security.txRun(() -> f.payments.expect(b, session, a, usd(250)));
        f.security.tx(() -> f.payments.pay(a, session, usd(250)));
        f.pump();
        List<NetworkMessage> everything = List.copyOf(f.transport.sent);
        int sentBefore = f.transport.sent.size();
        var logA = f.log(a);
        var logB = f.log(b);

        for (NetworkMessage message : everything) {
            f.security.txRun(() -> f.dispatcher.deliver(message));
        }

        assertThat(f.transport.sent).hasSize(sentBefore);
        assertThat(f.balance(a)).isEqualTo(usd(750));
        assertThat(f.balance(b)).isEqualTo(usd(250));
        assertThat(f.log(a)).isEqualTo(logA);
        assertThat(f.log(b)).isEqualTo(logB);
    }

    @Test
    void theSumOfBalancesIsConservedBackAndForth() {
        f.fund(a, 1000, 200);
        f.fund(b, 50);
        long total = 1250;

        payAndSettle(a, b, 700);
        assertThat(sum()).isEqualTo(total);
        payAndSettle(b, a, 320);                // b pays partly with the notes it just received
        assertThat(sum()).isEqualTo(total);
        payAndSettle(a, b, 5);
        assertThat(sum()).isEqualTo(total);

        assertThat(f.balance(a)).isEqualTo(usd(1200 - 700 + 320 - 5));
        assertThat(f.balance(b)).isEqualTo(usd(50 + 700 - 320 + 5));
    }

    @Test
    void paymentsWithoutAnAgreedPayeeOrInABadSessionAreRefused() {
        f.fund(a, 100);
        ConversationId unknown = ConversationId.random(f.security.random);
        assertThatThrownBy(() -> f.security.tx(() -> f.payments.pay(a, unknown, usd(10))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.security.txRun(() -> f.payments.expect(b, session, b, usd(10))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.security.tx(() -> f.payments.pay(a, session, usd(0))))
                .isInstanceOf(IllegalArgumentException.class);

        // notes nobody agreed to receive are ignored by the payee: the payer times out, keeping its notes
        ConversationId payment = f.security.tx(() -> f.payments.pay(a, session, usd(10)));
        assertThatThrownBy(() -> f.security.tx(() -> f.payments.pay(a, session, usd(10))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in a payment");
        f.pump();
        f.security.clock.advance(Duration.ofSeconds(31));
        f.fireDueTimers();
        f.pump();
        assertThat(f.security.tx(() -> f.payments.payment(a, payment)).orElseThrow().outcome()).isEqualTo("TIMED_OUT");
        assertThat(f.security.tx(() -> f.payments.payment(b, payment))).isEmpty();
        assertThat(f.balance(a)).isEqualTo(usd(100));
    }

    private void payAndSettle(ModuleId payer, ModuleId payee, long cents) {
        f.security.txRun(() -> f.payments.expect(payee, session, payer, usd(cents)));
        ConversationId payment = f.security.tx(() -> f.payments.pay(payer, session, usd(cents)));
        f.pump();
        assertThat(f.security.tx(() -> f.payments.payment(payer, payment)).orElseThrow().outcome()).isEqualTo("PAID");
        assertThat(f.security.tx(() -> f.payments.payment(payee, payment)).orElseThrow().outcome()).isEqualTo("RECEIVED");
    }

    private long sum() {
        return f.balance(a).amountMinor() + f.balance(b).amountMinor();
    }

    private static PaymentService.LogLine last(List<PaymentService.LogLine> log) {
        assertThat(log).isNotEmpty();
        return log.get(log.size() - 1);
    }
}
