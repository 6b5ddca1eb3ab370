package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.C;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.USD;
import static org.ems.money.domain.NoteFixtures.usd;
import static org.ems.money.domain.NoteFixtures.verifier;
import static org.ems.money.domain.NoteFixtures.verifierBadListing;
import static org.ems.money.domain.NoteFixtures.withdrawnBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.ems.crypto.Purpose;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejectedException;
import org.ems.money.domain.NoteRejection;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Disposition;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentProtocolTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Note NOTE_500 = withdrawnBy(A, 500);
    private static final Note NOTE_300 = withdrawnBy(A, 300);
    private static final PaymentVerifier VERIFY_B = PaymentVerifier.of(verifier(), B.id(), ModuleRole.TRANSACTION);

    private final ConversationId conversation = ConversationId.random(RANDOM);
    private final Payer.Context payerContext = new Payer.Context(conversation, NOW, NoteSigner.of(A.cert(), A.keys().getPrivate()));
    private final Payee.Context payeeContext = new Payee.Context(conversation, NOW, VERIFY_B);

    private static ModuleBook payerBook() {
        return ModuleBook.of(NoteDirectory.empty().withReceived(NOTE_500).withReceived(NOTE_300));
    }

    private static ModuleBook emptyBook() {
        return ModuleBook.of(NoteDirectory.empty());
    }

    private PayeeState payee(long cents) {
        return Payee.expect(payeeContext, emptyBook(), A.id(), usd(cents));
    }

    /** Every state survives its encoding, as the application stores it between steps. */
    private static PayerState roundTrip(PayerState state) {
        PayerState decoded = PayerState.decode(state.encode());
        assertThat(decoded.encode()).isEqualTo(state.encode());
        return decoded;
    }

    private static PayeeState roundTrip(PayeeState state) {
        PayeeState decoded = PayeeState.decode(state.encode());
        assertThat(decoded.encode()).isEqualTo(state.encode());
        return decoded;
    }

    private static List<LogEntry.Kind> kinds(ModuleBook book) {
        return book.log().entries().stream().map(LogEntry::kind).toList();
    }

    private static PaymentMessage only(PaymentStep<?> step) {
        assertThat(step.outgoing()).hasSize(1);
        return step.outgoing().get(0);
    }

    private void assertPaid(long amount, long payerKeeps) {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(amount));
        PayerState payer = roundTrip(sent.state());
        assertThat(payer.phase()).isEqualTo(PayerState.Phase.AWAITING_READY);
        assertThat(kinds(payer.book())).containsExactly(LogEntry.Kind.CONDITIONAL);
        assertThat(payer.book().balance(USD)).isEqualTo(usd(800));  // nothing final yet
        assertThat(only(sent).purpose()).isEqualTo(Purpose.PAYMENT_NOTES);

        PaymentStep<PayeeState> ready = Payee.onMessage(payeeContext, payee(amount), only(sent));
        PayeeState payee = roundTrip(ready.state());
        assertThat(payee.phase()).isEqualTo(PayeeState.Phase.AWAITING_ACK);
        assertThat(kinds(payee.book())).containsExactly(LogEntry.Kind.CONDITIONAL);
        assertThat(payee.book().balance(USD)).isEqualTo(usd(0));
        assertThat(only(ready).purpose()).isEqualTo(Purpose.PAYMENT_READY_TO_COMMIT);

        PaymentStep<PayerState> ack = Payer.onMessage(payerContext, payer, only(ready));
        payer = roundTrip(ack.state());
        assertThat(ack.outcome()).contains(PaymentOutcome.PAID);
        assertThat(payer.book().balance(USD)).isEqualTo(usd(payerKeeps));
        assertThat(kinds(payer.book())).containsExactly(LogEntry.Kind.CONDITIONAL, LogEntry.Kind.UNCONDITIONAL);
        assertThat(only(ack).purpose()).isEqualTo(Purpose.PAYMENT_COMMIT_ACK);

        PaymentStep<PayeeState> done = Payee.onMessage(payeeContext, payee, only(ack));
        payee = roundTrip(done.state());
        assertThat(done.outcome()).contains(PaymentOutcome.RECEIVED);
        assertThat(done.outgoing()).isEmpty();
        assertThat(payee.book().balance(USD)).isEqualTo(usd(amount));
        assertThat(kinds(payee.book())).containsExactly(LogEntry.Kind.CONDITIONAL, LogEntry.Kind.UNCONDITIONAL);
        assertThat(payee.book().log().entries().get(1).total(USD)).isEqualTo(usd(amount));
        assertThat(payer.isSettled()).isTrue();
        assertThat(payee.isSettled()).isTrue();
    }

    @Test
    void paysWithWholeNotes() {
        assertPaid(800, 0);
    }

    @Test
    void paysWithPartOfANoteAndKeepsTheRest() {
        assertPaid(650, 150);
    }

    @Test
    void paysOneWholeNote() {
        assertPaid(300, 500);
    }

    @Test
    void insufficientFundsAbortsAndChangesNothing() {
        PaymentStep<PayerState> step = Payer.start(payerContext, payerBook(), B.id(), usd(801));
        assertThat(step.outcome()).contains(PaymentOutcome.INSUFFICIENT_FUNDS);
        assertThat(step.state().book().balance(USD)).isEqualTo(usd(800));
        assertThat(step.state().book().log().entries()).isEmpty();
        assertThat(only(step).purpose()).isEqualTo(Purpose.PAYMENT_ABORT);
        PaymentStep<PayeeState> payee = Payee.onMessage(payeeContext, payee(801), only(step));
        assertThat(payee.outcome()).contains(PaymentOutcome.ABORTED_BY_PEER);
        assertThat(payee.state().book().balance(USD)).isEqualTo(usd(0));
    }

    /** Every kind of rejection aborts with its reason: nothing changes at the payee, the payer keeps its notes. */
    @ParameterizedTest
    @EnumSource(NoteRejection.class)
    void everyRejectionAbortsAndRestoresThePayer(NoteRejection reason) {
        Payee.Context refusing = new Payee.Context(conversation, NOW, (notes, expected, now, history) -> {
            throw new NoteRejectedException(reason, "test");
        });
        assertRejected(refusing, payee(800), 800, reason);
    }

    private void assertRejected(Payee.Context context, PayeeState payee, long amount, NoteRejection reason) {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(amount));
        PaymentStep<PayeeState> refused = Payee.onMessage(context, payee, only(sent));
        assertThat(refused.outcome()).contains(PaymentOutcome.NOTES_REJECTED);
        assertThat(refused.state().rejection()).contains(reason);
        assertThat(refused.state().book().balance(USD)).isEqualTo(usd(0));
        assertThat(kinds(refused.state().book())).containsExactly(LogEntry.Kind.ABORTED);
        assertThat(roundTrip(refused.state()).rejection()).contains(reason);

        PaymentStep<PayerState> back = Payer.onMessage(payerContext, sent.state(), only(refused));
        assertThat(back.outcome()).contains(PaymentOutcome.NOTES_REJECTED);
        assertThat(back.state().book().balance(USD)).isEqualTo(usd(800));
        assertThat(back.state().book().notes().notes()).extracting(HeldNote::remaining).containsExactlyInAnyOrder(usd(500), usd(300));
        assertThat(kinds(back.state().book())).containsExactly(LogEntry.Kind.CONDITIONAL, LogEntry.Kind.ABORTED);
        assertThat(back.outgoing()).isEmpty();
    }

    @Test
    void realVerifierRefusesTheWrongTotal() {
        assertRejected(payeeContext, payee(700), 800, NoteRejection.WRONG_TOTAL);
    }

    @Test
    void realVerifierRefusesABadListedPayer() {
        Payee.Context context = new Payee.Context(conversation, NOW,
                PaymentVerifier.of(verifierBadListing(A.id()), B.id(), ModuleRole.TRANSACTION));
        assertRejected(context, payee(800), 800, NoteRejection.BAD_LISTED);
    }

    @Test
    void realVerifierRefusesExpiredNotes() {
        Payee.Context late = new Payee.Context(conversation, NOW.plus(Duration.ofDays(200)), VERIFY_B);
        assertRejected(late, payee(800), 800, NoteRejection.EXPIRED);
    }

    @Test
    void aPayeeThatCannotHoldTheNotesRefusesThemBeforeThePayerCommits() {
        NoteDirectory nearlyFull = NoteDirectory.empty();
        for (int i = 0; i < NoteDirectory.MAX_NOTES - 1; i++) {
            nearlyFull = nearlyFull.withReceived(FxFixtures.withdrawn(B, FxFixtures.gbp(1)));
        }
        // the 500 and the 300: two notes, one more than the directory has room for
        assertRejected(payeeContext, Payee.expect(payeeContext, ModuleBook.of(nearlyFull), A.id(), usd(800)), 800,
                NoteRejection.DIRECTORY_FULL);
    }

    @Test
    void notesFromAnotherPayerAreRefused() {
        PayeeState fromC = Payee.expect(payeeContext, emptyBook(), C.id(), usd(800));
        assertRejected(payeeContext, fromC, 800, NoteRejection.ID_MISMATCH);
    }

    @Test
    void realVerifierRefusesATransferAlreadyReceived() {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(800));
        PaymentStep<PayeeState> ready = Payee.onMessage(payeeContext, payee(800), only(sent));
        PaymentStep<PayerState> ack = Payer.onMessage(payerContext, sent.state(), only(ready));
        PayeeState received = Payee.onMessage(payeeContext, ready.state(), only(ack)).state();
        // The same packet again, in a new conversation: the payee's history has it.
        ConversationId again = ConversationId.random(RANDOM);
        Payee.Context context = new Payee.Context(again, NOW, VERIFY_B);
        PayeeState second = Payee.expect(context, received.book(), A.id(), usd(800));
        PaymentStep<PayeeState> refused = Payee.onMessage(context, second, Wire.notes(again, sent.state().sentNotes()));
        assertThat(refused.state().rejection()).contains(NoteRejection.DUPLICATE);
        assertThat(refused.state().book().balance(USD)).isEqualTo(usd(800));
    }

    @Test
    void payeeAbortBeforeCommitRestoresThePayer() {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(650));
        PaymentStep<PayeeState> gaveUp = Payee.onTimeout(payeeContext, payee(650));
        assertThat(gaveUp.outcome()).contains(PaymentOutcome.TIMED_OUT);
        assertThat(gaveUp.state().phase()).isEqualTo(PayeeState.Phase.ABORTED);
        PaymentStep<PayerState> back = Payer.onMessage(payerContext, sent.state(), only(gaveUp));
        assertThat(back.outcome()).contains(PaymentOutcome.ABORTED_BY_PEER);
        assertThat(back.state().book().balance(USD)).isEqualTo(usd(800));
        // The notes arriving late change nothing at the payee.
        PaymentStep<PayeeState> late = Payee.onMessage(payeeContext, gaveUp.state(), only(sent));
        assertThat(late.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(late.state().book().balance(USD)).isEqualTo(usd(0));
    }

    @Test
    void payerTimeoutWaitingForReadyAbortsAndTheReadyPayeeLogsAFailedCommitWithNoLoss() {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(800));
        PaymentStep<PayeeState> ready = Payee.onMessage(payeeContext, payee(800), only(sent));
        PaymentStep<PayerState> timedOut = Payer.onTimeout(payerContext, sent.state());
        assertThat(timedOut.outcome()).contains(PaymentOutcome.TIMED_OUT);
        assertThat(timedOut.state().book().balance(USD)).isEqualTo(usd(800));
        assertThat(only(timedOut).purpose()).isEqualTo(Purpose.PAYMENT_ABORT);
        // Ready-to-Commit arriving after the abort commits nothing.
        assertThat(Payer.onMessage(payerContext, timedOut.state(), only(ready)).disposition()).isEqualTo(Disposition.REJECTED);
        PaymentStep<PayeeState> failed = Payee.onMessage(payeeContext, ready.state(), only(timedOut));
        assertThat(failed.outcome()).contains(PaymentOutcome.FAILED_COMMIT);
        assertThat(failed.state().book().log().failedCommits()).hasSize(1);
        assertThat(failed.state().book().balance(USD)).isEqualTo(usd(0));
        // The claim would be refused: the payer's log shows the transfer aborted.
        assertThat(timedOut.state().book().log().last(conversation, LogEntry.Direction.SENT).orElseThrow().kind())
                .isEqualTo(LogEntry.Kind.ABORTED);
    }

    @Test
    void payeeTimeoutAfterThePayerCommittedLogsTheLostNotes() {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(650));
        PaymentStep<PayeeState> ready = Payee.onMessage(payeeContext, payee(650), only(sent));
        PaymentStep<PayerState> committed = Payer.onMessage(payerContext, sent.state(), only(ready));
        PaymentStep<PayeeState> failed = Payee.onTimeout(payeeContext, ready.state());   // the acknowledgement was lost
        assertThat(failed.outcome()).contains(PaymentOutcome.FAILED_COMMIT);
        assertThat(only(failed).purpose()).isEqualTo(Purpose.PAYMENT_ABORT);
        LogEntry record = failed.state().book().log().failedCommits().get(0);
        assertThat(record.total(USD)).isEqualTo(usd(650));
        assertThat(record.notes()).extracting(LoggedNote::noteId)
                .containsExactlyInAnyOrderElementsOf(sent.state().sentNotes().stream().map(Note::id).toList());
        assertThat(committed.state().book().balance(USD)).isEqualTo(usd(150));
        assertThat(failed.state().book().balance(USD)).isEqualTo(usd(0));
        // The committed payer ignores the abort: it cannot take back what it committed.
        PaymentStep<PayerState> after = Payer.onMessage(payerContext, committed.state(), only(failed));
        assertThat(after.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(after.state().phase()).isEqualTo(PayerState.Phase.COMMITTED);
        // And the acknowledgement arriving late changes nothing.
        assertThat(Payee.onMessage(payeeContext, failed.state(), only(committed)).disposition()).isEqualTo(Disposition.REJECTED);
    }

    @Test
    void payeeTimeoutWaitingForNotes() {
        PaymentStep<PayeeState> step = Payee.onTimeout(payeeContext, payee(100));
        assertThat(step.outcome()).contains(PaymentOutcome.TIMED_OUT);
        assertThat(step.state().book().log().failedCommits()).isEmpty();
        assertThat(only(step).purpose()).isEqualTo(Purpose.PAYMENT_ABORT);
    }

    @Test
    void settledPartiesHaveNoTimer() {
        PaymentStep<PayerState> refused = Payer.start(payerContext, payerBook(), B.id(), usd(5000));
        assertThat(Payer.onTimeout(payerContext, refused.state()).disposition()).isEqualTo(Disposition.REJECTED);
        PayeeState aborted = Payee.onTimeout(payeeContext, payee(100)).state();
        assertThat(Payee.onTimeout(payeeContext, aborted).disposition()).isEqualTo(Disposition.REJECTED);
    }

    @Test
    void redeliveryChangesNothing() {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(650));
        PaymentStep<PayeeState> ready = Payee.onMessage(payeeContext, payee(650), only(sent));
        PaymentStep<PayeeState> again = Payee.onMessage(payeeContext, ready.state(), only(sent));
        assertThat(again.disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(again.state().encode()).isEqualTo(ready.state().encode());

        PaymentStep<PayerState> ack = Payer.onMessage(payerContext, sent.state(), only(ready));
        PaymentStep<PayerState> ackAgain = Payer.onMessage(payerContext, ack.state(), only(ready));
        assertThat(ackAgain.disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(ackAgain.state().encode()).isEqualTo(ack.state().encode());

        PaymentStep<PayeeState> done = Payee.onMessage(payeeContext, ready.state(), only(ack));
        PaymentStep<PayeeState> doneAgain = Payee.onMessage(payeeContext, done.state(), only(ack));
        assertThat(doneAgain.disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(doneAgain.state().book().balance(USD)).isEqualTo(usd(650));
    }

    @Test
    void messagesOfAnotherConversationAreIgnored() {
        ConversationId other = ConversationId.random(RANDOM);
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(650));
        assertThat(Payer.onMessage(payerContext, sent.state(), Wire.only(Purpose.PAYMENT_READY_TO_COMMIT, other)).disposition())
                .isEqualTo(Disposition.REJECTED);
        assertThat(Payer.onMessage(payerContext, sent.state(), Wire.abort(other, AbortReason.TIMED_OUT, Optional.empty()))
                .disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(Payee.onMessage(payeeContext, payee(650), Wire.notes(other, sent.state().sentNotes())).disposition())
                .isEqualTo(Disposition.REJECTED);
        // A payee message the payer does not expect in its phase.
        assertThat(Payer.onMessage(payerContext, sent.state(), Wire.only(Purpose.PAYMENT_COMMIT_ACK, conversation)).disposition())
                .isEqualTo(Disposition.REJECTED);
    }

    @Test
    void moduleBookSurvivesItsEncoding() {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(650));
        PaymentStep<PayeeState> ready = Payee.onMessage(payeeContext, payee(650), only(sent));
        ModuleBook book = Payer.onMessage(payerContext, sent.state(), only(ready)).state().book();
        ModuleBook decoded = ModuleBook.decode(book.encode());
        assertThat(decoded.encode()).isEqualTo(book.encode());
        assertThat(decoded.balance(USD)).isEqualTo(usd(150));
        assertThat(decoded.notes().notes().get(0).nextSequence()).isEqualTo(2);
        assertThat(Money.zero(USD)).isEqualTo(usd(0));
    }

    @Test
    void aTransferHeldMeanwhileFromAnotherConversationIsRecordedNotHeldTwice() {
        PaymentStep<PayerState> sent = Payer.start(payerContext, payerBook(), B.id(), usd(800));
        PaymentStep<PayeeState> ready = Payee.onMessage(payeeContext, payee(800), only(sent));
        PaymentStep<PayerState> ack = Payer.onMessage(payerContext, sent.state(), only(ready));
        PayeeState received = Payee.onMessage(payeeContext, ready.state(), only(ack)).state();
        // A second conversation verified the same packet before the first committed (a verifier that saw no history).
        ConversationId again = ConversationId.random(RANDOM);
        Payee.Context blind = new Payee.Context(again, NOW, (notes, expected, now, history) -> { });
        PayeeState second = Payee.expect(blind, received.book(), A.id(), usd(800));
        PaymentStep<PayeeState> ready2 = Payee.onMessage(blind, second, Wire.notes(again, sent.state().sentNotes()));
        PaymentStep<PayeeState> done = Payee.onMessage(blind, ready2.state(), Wire.only(Purpose.PAYMENT_COMMIT_ACK, again));
        assertThat(done.outcome()).contains(PaymentOutcome.FAILED_COMMIT);
        assertThat(done.state().book().balance(USD)).isEqualTo(usd(800));
    }
}
