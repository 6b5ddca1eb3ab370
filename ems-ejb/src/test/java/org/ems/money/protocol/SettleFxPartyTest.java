package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.USD;
import static org.ems.money.domain.NoteFixtures.usd;
import static org.ems.money.protocol.FxFixtures.GBP;
import static org.ems.money.protocol.FxFixtures.gbp;
import static org.ems.money.protocol.SettleFxFixtures.EUR;
import static org.ems.money.protocol.SettleFxFixtures.JPY;
import static org.ems.money.protocol.SettleFxFixtures.book;
import static org.ems.money.protocol.SettleFxFixtures.context;
import static org.ems.money.protocol.SettleFxFixtures.eur;
import static org.ems.money.protocol.SettleFxFixtures.jpy;

import java.security.SecureRandom;
import java.util.List;
import org.ems.crypto.Purpose;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejection;
import org.ems.money.domain.NoteType;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Disposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettleFxPartyTest {

    private static final Note USD_500 = FxFixtures.withdrawn(A, usd(500));
    private static final Note USD_300 = FxFixtures.withdrawn(A, usd(300));
    private static final Note JPY_1000 = FxFixtures.withdrawn(A, jpy(1000));
    private static final Note GBP_400 = FxFixtures.withdrawn(B, gbp(400));
    private static final Note EUR_250 = FxFixtures.withdrawn(B, eur(250));

    /** A: dollars and yen for B's pounds and euros. */
    private static final SettlementAmounts A_GIVES = SettlementAmounts.ofCurrency(usd(650), jpy(1000));
    private static final SettlementAmounts B_GIVES = SettlementAmounts.ofCurrency(gbp(300), eur(200));

    private final ConversationId conversation = ConversationId.random(new SecureRandom());
    private final ModuleBook bookA = book(USD_500, USD_300, JPY_1000);
    private final ModuleBook bookB = book(GBP_400, EUR_250);

    private SettleFxParty.Context contextA(SettlementAmounts expected) {
        return context(conversation, A, expected);
    }

    private SettleFxParty.Context contextB(SettlementAmounts expected) {
        return context(conversation, B, expected);
    }

    private static PaymentMessage only(PaymentStep<?> step) {
        assertThat(step.outgoing()).hasSize(1);
        return step.outgoing().get(0);
    }

    private static SettleFxState roundTrip(SettleFxState state) {
        SettleFxState decoded = SettleFxState.decode(state.encode());
        assertThat(decoded.encode()).isEqualTo(state.encode());
        return decoded;
    }

    private static long total(LogEntry entry, CurrencyCode currency) {
        return entry.notes().stream().filter(n -> n.amount().currency().equals(currency)).mapToLong(n -> n.amount().amountMinor()).sum();
    }

    @ParameterizedTest
    @EnumSource(FxCommitOrder.Side.class)
    void exchangesSeveralCurrenciesEachWayCommittingSOfXFirst(FxCommitOrder.Side first) {
        SettleFxParty.Context ca = contextA(B_GIVES);
        SettleFxParty.Context cb = contextB(A_GIVES);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), A_GIVES, first);
        assertThat(only(a1).purpose()).isEqualTo(Purpose.SETTLE_FX_AMOUNTS);
        assertThat(a1.state().book()).isEqualTo(bookA);                                   // only the amounts so far
        SettleFxState b0 = SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES, first);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb, roundTrip(b0), only(a1));       // B's host verifies, B's amounts
        assertThat(only(b1).purpose()).isEqualTo(Purpose.SETTLE_FX_AMOUNTS);
        assertThat(b1.state().take()).isEqualTo(A_GIVES);
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, roundTrip(a1.state()), only(b1));   // A's host verifies, A's notes
        assertThat(only(a2).purpose()).isEqualTo(Purpose.PAYMENT_NOTES);
        assertThat(a2.state().sentNotes()).hasSize(3);                                    // $500 + $150 of $300 + ¥1000
        PaymentStep<SettleFxState> b2 = SettleFxParty.onMessage(cb, roundTrip(b1.state()), only(a2));   // B verifies, B's notes
        assertThat(only(b2).purpose()).isEqualTo(Purpose.PAYMENT_NOTES);
        PaymentStep<SettleFxState> a3 = SettleFxParty.onMessage(ca, roundTrip(a2.state()), only(b2));   // A verifies, Log Updated
        assertThat(only(a3).purpose()).isEqualTo(Purpose.FX_LOG_UPDATED);
        PaymentStep<SettleFxState> b3 = SettleFxParty.onMessage(cb, roundTrip(b2.state()), only(a3));
        SettleFxState a;
        SettleFxState b;
        if (first == FxCommitOrder.Side.B) {
            assertThat(only(b3).purpose()).isEqualTo(Purpose.PAYMENT_READY_TO_COMMIT);
            assertThat(b3.state().sendCommitted()).isTrue();
            assertThat(a3.state().sendCommitted()).isFalse();
            PaymentStep<SettleFxState> a4 = SettleFxParty.onMessage(ca, roundTrip(a3.state()), only(b3));
            assertThat(only(a4).purpose()).isEqualTo(Purpose.PAYMENT_COMMIT_ACK);
            a = a4.state();
            b = SettleFxParty.onMessage(cb, roundTrip(b3.state()), only(a4)).state();
        } else {
            assertThat(only(b3).purpose()).isEqualTo(Purpose.FX_START_COMMIT);
            assertThat(b3.state().sendCommitted()).isFalse();
            PaymentStep<SettleFxState> a4 = SettleFxParty.onMessage(ca, roundTrip(a3.state()), only(b3));
            assertThat(a4.state().sendCommitted()).isTrue();
            assertThat(only(a4).purpose()).isEqualTo(Purpose.PAYMENT_READY_TO_COMMIT);
            PaymentStep<SettleFxState> b4 = SettleFxParty.onMessage(cb, roundTrip(b3.state()), only(a4));
            assertThat(only(b4).purpose()).isEqualTo(Purpose.PAYMENT_COMMIT_ACK);
            b = b4.state();
            a = SettleFxParty.onMessage(ca, roundTrip(a4.state()), only(b4)).state();
        }
        assertThat(List.of(a.phase(), b.phase())).containsOnly(SettleFxState.Phase.COMMITTED);
        assertThat(List.of(a.outcome().orElseThrow(), b.outcome().orElseThrow())).containsOnly(PaymentOutcome.RECEIVED);
        assertThat(List.of(a.book().balance(USD), a.book().balance(JPY), a.book().balance(GBP), a.book().balance(EUR)))
                .containsExactly(usd(150), jpy(0), gbp(300), eur(200));
        assertThat(List.of(b.book().balance(USD), b.book().balance(JPY), b.book().balance(GBP), b.book().balance(EUR)))
                .containsExactly(usd(650), jpy(1000), gbp(100), eur(50));
        assertThat(a.book().log().last(conversation, LogEntry.Direction.RECEIVED).orElseThrow().kind()).isEqualTo(LogEntry.Kind.UNCONDITIONAL);
        assertThat(b.book().log().last(conversation, LogEntry.Direction.SENT).orElseThrow().kind()).isEqualTo(LogEntry.Kind.UNCONDITIONAL);
    }

    @Test
    void oneWayPaymentIsAPlainTransferWithTheCommitOfFigure10() {
        SettlementAmounts pays = SettlementAmounts.ofCurrency(usd(800), jpy(400));
        SettleFxParty.Context ca = contextA(SettlementAmounts.none());
        SettleFxParty.Context cb = contextB(pays);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), pays, FxCommitOrder.Side.B);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb,
                SettleFxParty.expectB(cb, bookB, A.id(), SettlementAmounts.none(), FxCommitOrder.Side.B), only(a1));
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));        // B sends nothing: A confirms
        assertThat(a2.state().oneWay()).isTrue();
        assertThat(a2.state().phase()).isEqualTo(SettleFxState.Phase.AWAITING_READY);
        PaymentStep<SettleFxState> b2 = SettleFxParty.onMessage(cb, b1.state(), only(a2));
        assertThat(only(b2).purpose()).isEqualTo(Purpose.PAYMENT_READY_TO_COMMIT);                  // step 3106 -> Commit, no Log Updated
        assertThat(b2.state().sentNotes()).isEmpty();
        PaymentStep<SettleFxState> a3 = SettleFxParty.onMessage(ca, roundTrip(a2.state()), only(b2));
        assertThat(a3.outcome()).contains(PaymentOutcome.PAID);
        assertThat(only(a3).purpose()).isEqualTo(Purpose.PAYMENT_COMMIT_ACK);
        PaymentStep<SettleFxState> b3 = SettleFxParty.onMessage(cb, roundTrip(b2.state()), only(a3));
        assertThat(b3.outcome()).contains(PaymentOutcome.RECEIVED);
        assertThat(a3.state().book().balance(USD)).isEqualTo(usd(0));
        assertThat(a3.state().book().balance(JPY)).isEqualTo(jpy(600));
        assertThat(b3.state().book().balance(USD)).isEqualTo(usd(800));
        assertThat(b3.state().book().balance(JPY)).isEqualTo(jpy(400));
        assertThat(b3.state().book().balance(GBP)).isEqualTo(gbp(400));
    }

    @Test
    void eachTypeOfNoteIsChosenAndVerifiedForItsOwnAmount() {
        Note credit = SettleFxFixtures.withdrawn(A, usd(300), NoteType.CREDIT);
        ModuleBook mixed = book(USD_500, credit);
        SettlementAmounts pays = new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CURRENCY, usd(100)),
                new SettlementAmounts.Line(NoteType.CREDIT, usd(300))));
        SettleFxParty.Context ca = contextA(SettlementAmounts.none());
        SettleFxParty.Context cb = contextB(pays);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, mixed, B.id(), pays, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb,
                SettleFxParty.expectB(cb, bookB, A.id(), SettlementAmounts.none(), FxCommitOrder.Side.A), only(a1));
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));
        assertThat(a2.state().sentNotes()).extracting(n -> n.body().type()).containsExactlyInAnyOrder(NoteType.CURRENCY, NoteType.CREDIT);
        PaymentStep<SettleFxState> b2 = SettleFxParty.onMessage(cb, b1.state(), only(a2));
        PaymentStep<SettleFxState> a3 = SettleFxParty.onMessage(ca, a2.state(), only(b2));
        PaymentStep<SettleFxState> b3 = SettleFxParty.onMessage(cb, b2.state(), only(a3));
        assertThat(b3.outcome()).contains(PaymentOutcome.RECEIVED);
        assertThat(a3.state().book().notes().notes()).singleElement()
                .satisfies(held -> assertThat(held.remaining()).isEqualTo(usd(400)));             // the credit note went whole
        assertThat(b3.state().book().balance(USD)).isEqualTo(usd(400));
        // B's host expecting all $4.00 as currency notes refuses the same offer.
        SettleFxParty.Context strict = contextB(SettlementAmounts.ofCurrency(usd(400)));
        assertThat(SettleFxParty.onMessage(strict, SettleFxParty.expectB(strict, bookB, A.id(), SettlementAmounts.none(),
                FxCommitOrder.Side.A), only(a1)).outcome()).contains(PaymentOutcome.AMOUNTS_REFUSED);
    }

    @Test
    void bsHostRefusingAsAmountsAbortsBothWithNothingChanged() {
        SettleFxParty.Context ca = contextA(B_GIVES);
        SettleFxParty.Context cb = contextB(SettlementAmounts.ofCurrency(usd(600), jpy(1000)));    // expects $6.00, A offers $6.50
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), A_GIVES, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb, SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES,
                FxCommitOrder.Side.A), only(a1));
        assertThat(b1.outcome()).contains(PaymentOutcome.AMOUNTS_REFUSED);
        assertThat(only(b1).purpose()).isEqualTo(Purpose.SETTLE_FX_AMOUNTS_REFUSED);
        assertThat(b1.state().book()).isEqualTo(bookB);
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));
        assertThat(a2.outcome()).contains(PaymentOutcome.AMOUNTS_REFUSED);
        assertThat(a2.state().book()).isEqualTo(bookA);
        assertThat(a2.outgoing()).isEmpty();
    }

    @Test
    void asHostRefusingBsAmountsAbortsBeforeAnyNoteMoves() {
        SettleFxParty.Context ca = contextA(SettlementAmounts.ofCurrency(gbp(300)));                 // expects no euros
        SettleFxParty.Context cb = contextB(A_GIVES);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), A_GIVES, FxCommitOrder.Side.B);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb, SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES,
                FxCommitOrder.Side.B), only(a1));
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));
        assertThat(a2.outcome()).contains(PaymentOutcome.AMOUNTS_REFUSED);
        assertThat(only(a2).purpose()).isEqualTo(Purpose.SETTLE_FX_AMOUNTS_REFUSED);
        assertThat(a2.state().sentNotes()).isEmpty();
        assertThat(a2.state().book()).isEqualTo(bookA);
        PaymentStep<SettleFxState> b2 = SettleFxParty.onMessage(cb, b1.state(), only(a2));
        assertThat(b2.state().phase()).isEqualTo(SettleFxState.Phase.ABORTED);
        assertThat(b2.state().book()).isEqualTo(bookB);
    }

    @Test
    void aPacketMissingAnAgreedCurrencyIsRefusedAndRolledBack() {
        SettleFxParty.Context ca = contextA(B_GIVES);
        SettleFxParty.Context cb = contextB(A_GIVES);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), A_GIVES, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb, SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES,
                FxCommitOrder.Side.A), only(a1));
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));
        List<Note> dollarsOnly = a2.state().sentNotes().stream().filter(n -> n.receivedAmount().currency().equals(USD)).toList();
        PaymentStep<SettleFxState> b2 = SettleFxParty.onMessage(cb, b1.state(), Wire.notes(conversation, dollarsOnly));
        assertThat(b2.state().rejection()).contains(NoteRejection.WRONG_TOTAL);
        assertThat(b2.state().book().notes()).isEqualTo(bookB.notes());
        PaymentStep<SettleFxState> a3 = SettleFxParty.onMessage(ca, a2.state(), only(b2));
        assertThat(a3.outcome()).contains(PaymentOutcome.NOTES_REJECTED);
        assertThat(a3.state().book().balance(USD)).isEqualTo(usd(800));
        assertThat(a3.state().book().log().last(conversation, LogEntry.Direction.SENT).orElseThrow().kind())
                .isEqualTo(LogEntry.Kind.ABORTED);
        // A note of a currency nobody agreed to is refused too.
        PaymentMessage extra = Wire.notes(conversation, List.of(a2.state().sentNotes().get(0), a2.state().sentNotes().get(1),
                a2.state().sentNotes().get(2), NoteSigner.of(A.cert(), A.keys().getPrivate())
                .pay(org.ems.money.domain.HeldNote.received(FxFixtures.withdrawn(A, gbp(1))), B.id(), gbp(1), NOW).sent()));
        assertThat(SettleFxParty.onMessage(cb, b1.state(), extra).state().rejection()).contains(NoteRejection.WRONG_TOTAL);
    }

    @Test
    void insufficientFundsOnEitherSideAbortsWithNothingChanged() {
        SettleFxParty.Context ca = contextA(B_GIVES);
        SettleFxParty.Context cb = contextB(SettlementAmounts.ofCurrency(usd(801)));
        PaymentStep<SettleFxState> short1 = SettleFxParty.startA(ca, bookA, B.id(), SettlementAmounts.ofCurrency(usd(801)),
                FxCommitOrder.Side.A);
        assertThat(short1.outcome()).contains(PaymentOutcome.INSUFFICIENT_FUNDS);
        assertThat(short1.state().book()).isEqualTo(bookA);
        PaymentStep<SettleFxState> told = SettleFxParty.onMessage(cb, SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES,
                FxCommitOrder.Side.A), only(short1));
        assertThat(told.outcome()).contains(PaymentOutcome.ABORTED_BY_PEER);
        // Credit notes are a type of their own: dollars held as currency notes do not pay a credit amount.
        SettlementAmounts credit = new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT, usd(100))));
        assertThat(SettleFxParty.startA(ca, bookA, B.id(), credit, FxCommitOrder.Side.A).outcome())
                .contains(PaymentOutcome.INSUFFICIENT_FUNDS);

        SettleFxParty.Context cb2 = contextB(A_GIVES);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), A_GIVES, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb2, SettleFxParty.expectB(cb2, bookB, A.id(),
                SettlementAmounts.ofCurrency(gbp(300), eur(251)), FxCommitOrder.Side.A), only(a1));
        assertThat(b1.outcome()).contains(PaymentOutcome.INSUFFICIENT_FUNDS);
        assertThat(b1.state().book()).isEqualTo(bookB);
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));
        assertThat(a2.outcome()).contains(PaymentOutcome.ABORTED_BY_PEER);
        assertThat(a2.state().book()).isEqualTo(bookA);
    }

    @Test
    void aSilentPeerTimesOutIntoAnAbortThatRestoresTheNotes() {
        SettleFxParty.Context ca = contextA(B_GIVES);
        SettleFxParty.Context cb = contextB(A_GIVES);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), A_GIVES, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb, SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES,
                FxCommitOrder.Side.A), only(a1));
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));          // A's notes are lost
        PaymentStep<SettleFxState> a3 = SettleFxParty.onTimeout(ca, a2.state());
        assertThat(a3.outcome()).contains(PaymentOutcome.TIMED_OUT);
        assertThat(a3.state().book().notes()).isEqualTo(bookA.notes());
        assertThat(a3.state().book().log().failedCommits()).isEmpty();
        PaymentStep<SettleFxState> b2 = SettleFxParty.onTimeout(cb, b1.state());
        assertThat(b2.outcome()).contains(PaymentOutcome.TIMED_OUT);
        assertThat(b2.state().book()).isEqualTo(bookB);
        assertThat(SettleFxParty.onTimeout(cb, b2.state()).disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(SettleFxParty.onMessage(cb, b2.state(), only(a2)).disposition()).isEqualTo(Disposition.REJECTED);
    }

    @Test
    void aReceiverWhoseDirectoryCannotHoldTheNotesRefusesThemBeforeAnyCommit() {
        Note[] nearlyFull = new Note[NoteDirectory.MAX_NOTES - 2];
        for (int i = 0; i < nearlyFull.length; i++) {
            nearlyFull[i] = FxFixtures.withdrawn(B, gbp(1));
        }
        ModuleBook full = book(nearlyFull);
        SettlementAmounts pays = SettlementAmounts.ofCurrency(usd(650), jpy(1000));      // three notes: USD 500 + 150, JPY 1000
        SettleFxParty.Context ca = contextA(SettlementAmounts.none());
        SettleFxParty.Context cb = contextB(pays);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), pays, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb,
                SettleFxParty.expectB(cb, full, A.id(), SettlementAmounts.none(), FxCommitOrder.Side.A), only(a1));
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));          // A's notes
        PaymentStep<SettleFxState> b2 = SettleFxParty.onMessage(cb, b1.state(), only(a2));
        assertThat(b2.outcome()).contains(PaymentOutcome.NOTES_REJECTED);
        assertThat(b2.state().rejection()).contains(NoteRejection.DIRECTORY_FULL);
        assertThat(b2.state().book().notes()).isEqualTo(full.notes());
        assertThat(b2.state().book().log().failedCommits()).isEmpty();
        PaymentStep<SettleFxState> a3 = SettleFxParty.onMessage(ca, a2.state(), only(b2));
        assertThat(a3.outcome()).contains(PaymentOutcome.NOTES_REJECTED);
        assertThat(a3.state().book().notes()).isEqualTo(bookA.notes());                             // A keeps its notes
        assertThat(a3.state().book().log().failedCommits()).isEmpty();
    }

    @Test
    void bAbortingAfterReadyToCommitInAOneWayPaymentRecordsTheNotesItLost() {
        SettlementAmounts pays = SettlementAmounts.ofCurrency(usd(650), jpy(1000));
        SettleFxParty.Context ca = contextA(SettlementAmounts.none());
        SettleFxParty.Context cb = contextB(pays);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), pays, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb,
                SettleFxParty.expectB(cb, bookB, A.id(), SettlementAmounts.none(), FxCommitOrder.Side.A), only(a1));
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));
        PaymentStep<SettleFxState> b2 = SettleFxParty.onMessage(cb, b1.state(), only(a2));          // Ready-to-Commit
        PaymentStep<SettleFxState> a3 = SettleFxParty.onMessage(ca, a2.state(), only(b2));          // A commits; its ack is lost
        PaymentStep<SettleFxState> b3 = SettleFxParty.onTimeout(cb, b2.state());
        assertThat(b3.state().phase()).isEqualTo(SettleFxState.Phase.FAILED_COMMIT);
        LogEntry failed = b3.state().book().log().failedCommits().get(0);
        LogEntry paid = a3.state().book().log().last(conversation, LogEntry.Direction.SENT).orElseThrow();
        assertThat(paid.kind()).isEqualTo(LogEntry.Kind.UNCONDITIONAL);
        assertThat(failed.notes()).isEqualTo(paid.notes());                                      // note ids and amounts for the claim
        assertThat(total(failed, USD)).isEqualTo(650);
        assertThat(total(failed, JPY)).isEqualTo(1000);
        assertThat(b3.state().book().balance(USD)).isEqualTo(usd(0));
        assertThat(SettleFxParty.onMessage(ca, a3.state(), only(b3)).disposition()).isEqualTo(Disposition.REJECTED);
    }

    @Test
    void aTimingOutAfterLogUpdatedWhenBCommitsFirstRecordsEveryCurrencyItLost() {
        SettleFxParty.Context ca = contextA(B_GIVES);
        SettleFxParty.Context cb = contextB(A_GIVES);
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(ca, bookA, B.id(), A_GIVES, FxCommitOrder.Side.B);
        PaymentStep<SettleFxState> b1 = SettleFxParty.onMessage(cb, SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES,
                FxCommitOrder.Side.B), only(a1));
        PaymentStep<SettleFxState> a2 = SettleFxParty.onMessage(ca, a1.state(), only(b1));
        PaymentStep<SettleFxState> b2 = SettleFxParty.onMessage(cb, b1.state(), only(a2));
        PaymentStep<SettleFxState> a3 = SettleFxParty.onMessage(ca, a2.state(), only(b2));          // Log Updated
        PaymentStep<SettleFxState> b3 = SettleFxParty.onMessage(cb, b2.state(), only(a3));          // B commits its £ and €
        PaymentStep<SettleFxState> a4 = SettleFxParty.onTimeout(ca, a3.state());                     // Ready-to-Commit lost
        assertThat(a4.state().phase()).isEqualTo(SettleFxState.Phase.FAILED_COMMIT);
        LogEntry failed = a4.state().book().log().failedCommits().get(0);
        assertThat(total(failed, GBP)).isEqualTo(300);
        assertThat(total(failed, EUR)).isEqualTo(200);
        assertThat(a4.state().book().notes()).isEqualTo(bookA.notes());                             // A's $ and ¥ never left
        PaymentStep<SettleFxState> b4 = SettleFxParty.onMessage(cb, b3.state(), only(a4));
        assertThat(b4.state().phase()).isEqualTo(SettleFxState.Phase.FAILED_COMMIT);                 // its claim is refused later
        assertThat(b4.state().book().balance(GBP)).isEqualTo(gbp(100));
        assertThat(SettleFxParty.onMessage(cb, b4.state(), only(a4)).disposition()).isEqualTo(Disposition.DUPLICATE);
    }

    @Test
    void messagesOutOfTurnAreRejectedAndChangeNothing() {
        SettleFxParty.Context cb = contextB(A_GIVES);
        SettleFxState b0 = SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> early = SettleFxParty.onMessage(cb, b0, Wire.only(Purpose.PAYMENT_COMMIT_ACK, conversation));
        assertThat(early.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(early.state()).isSameAs(b0);
        ConversationId other = ConversationId.random(new SecureRandom());
        PaymentStep<SettleFxState> a1 = SettleFxParty.startA(context(other, A, B_GIVES), bookA, B.id(), A_GIVES, FxCommitOrder.Side.A);
        assertThat(SettleFxParty.onMessage(cb, b0, only(a1)).disposition()).isEqualTo(Disposition.REJECTED);
    }

    @Test
    void amountsAreCanonicalAndRefuseBadInput() {
        assertThat(SettlementAmounts.ofCurrency(usd(1), gbp(2))).isEqualTo(SettlementAmounts.ofCurrency(gbp(2), usd(1)));
        assertThatThrownBy(() -> SettlementAmounts.ofCurrency(usd(1), usd(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementAmounts.ofCurrency(usd(0))).isInstanceOf(IllegalArgumentException.class);
        Money[] many = List.of("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "SGD",
                "HKD", "MXN").stream().map(code -> Money.of(CurrencyCode.of(code), 1)).toArray(Money[]::new);
        assertThat(many).hasSize(SettlementAmounts.MAX_LINES + 1);
        assertThatThrownBy(() -> SettlementAmounts.ofCurrency(many)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettleFxParty.startA(contextA(B_GIVES), bookA, B.id(), SettlementAmounts.none(), FxCommitOrder.Side.A))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one-way");
        // B's host cannot confirm an empty offer from A: a one-way payment goes from A to B.
        SettleFxParty.Context cb = context(conversation, B, SettlementAmounts.none());
        PaymentMessage nothing = new PaymentMessage(Purpose.SETTLE_FX_AMOUNTS, org.ems.network.domain.Payloads
                .writer(Purpose.SETTLE_FX_AMOUNTS, conversation).putInt(0).toBytes());
        assertThat(SettleFxParty.onMessage(cb, SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES, FxCommitOrder.Side.A), nothing)
                .outcome()).contains(PaymentOutcome.AMOUNTS_REFUSED);
    }

    @Test
    void aStoredStateThatBreaksAnInvariantDoesNotDecode() {
        SettleFxState b0 = SettleFxParty.expectB(contextB(A_GIVES), bookB, A.id(), SettlementAmounts.none(), FxCommitOrder.Side.A);
        byte[] encoded = b0.encode();
        byte[] asA = encoded.clone();
        asA[7] = 0;                                  // me: B -> A, who must give something
        assertThat(encoded[7]).isEqualTo((byte) 1);
        assertThatThrownBy(() -> SettleFxState.decode(asA)).isInstanceOf(org.ems.crypto.MalformedEncodingException.class)
                .hasMessageContaining("A gives something");
        assertThatThrownBy(() -> SettleFxState.decode(java.util.Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(org.ems.crypto.MalformedEncodingException.class);
    }

    @Test
    void amountsOutOfCanonicalOrderDoNotDecode() {
        PaymentMessage unordered = new PaymentMessage(Purpose.SETTLE_FX_AMOUNTS, org.ems.network.domain.Payloads
                .writer(Purpose.SETTLE_FX_AMOUNTS, conversation).putInt(2)
                .putInt(1).putString("USD").putLong(5).putInt(1).putString("GBP").putLong(5).toBytes());
        SettleFxParty.Context cb = contextB(SettlementAmounts.ofCurrency(usd(5), gbp(5)));
        SettleFxState b0 = SettleFxParty.expectB(cb, bookB, A.id(), B_GIVES, FxCommitOrder.Side.A);
        PaymentStep<SettleFxState> step = SettleFxParty.onMessage(cb, b0, unordered);
        assertThat(step.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(step.note()).contains("canonical order");
    }
}
