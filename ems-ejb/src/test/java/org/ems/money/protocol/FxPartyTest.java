package org.ems.money.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.money.protocol.FxFixtures.GBP;
import static org.ems.money.protocol.FxFixtures.gbp;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.USD;
import static org.ems.money.domain.NoteFixtures.usd;
import static org.ems.money.domain.NoteFixtures.verifier;

import java.security.SecureRandom;
import java.util.List;
import org.ems.crypto.Purpose;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteDirectory;
import org.ems.money.domain.NoteRejection;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.Disposition;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FxPartyTest {

    private static final Note USD_500 = FxFixtures.withdrawn(A, usd(500));
    private static final Note USD_300 = FxFixtures.withdrawn(A, usd(300));
    private static final Note GBP_400 = FxFixtures.withdrawn(B, gbp(400));

    private final ConversationId conversation = ConversationId.random(new SecureRandom());
    private final FxParty.Context contextA = new FxParty.Context(conversation, NOW, NoteSigner.of(A.cert(), A.keys().getPrivate()),
            PaymentVerifier.of(verifier(), A.id(), ModuleRole.TRANSACTION));
    private final FxParty.Context contextB = new FxParty.Context(conversation, NOW, NoteSigner.of(B.cert(), B.keys().getPrivate()),
            PaymentVerifier.of(verifier(), B.id(), ModuleRole.TRANSACTION));

    private static ModuleBook book(Note... notes) {
        NoteDirectory directory = NoteDirectory.empty();
        for (Note note : notes) {
            directory = directory.withReceived(note);
        }
        return ModuleBook.of(directory);
    }

    private static PaymentMessage only(PaymentStep<?> step) {
        assertThat(step.outgoing()).hasSize(1);
        return step.outgoing().get(0);
    }

    private static FxState roundTrip(FxState state) {
        FxState decoded = FxState.decode(state.encode());
        assertThat(decoded.encode()).isEqualTo(state.encode());
        return decoded;
    }

    @ParameterizedTest
    @EnumSource(FxCommitOrder.Side.class)
    void exchangesInTheOrderSOfX(FxCommitOrder.Side first) {
        PaymentStep<FxState> a1 = FxParty.startA(contextA, book(USD_500, USD_300), B.id(), usd(650), gbp(300), first);
        FxState b0 = FxParty.expectB(contextB, book(GBP_400), A.id(), gbp(300), usd(650), first);
        PaymentStep<FxState> b1 = FxParty.onMessage(contextB, b0, only(a1));                 // B verifies $, sends £
        assertThat(only(b1).purpose()).isEqualTo(Purpose.PAYMENT_NOTES);
        PaymentStep<FxState> a2 = FxParty.onMessage(contextA, roundTrip(a1.state()), only(b1));  // A verifies £, Log Updated
        assertThat(only(a2).purpose()).isEqualTo(Purpose.FX_LOG_UPDATED);
        PaymentStep<FxState> b2 = FxParty.onMessage(contextB, roundTrip(b1.state()), only(a2));
        FxState a;
        FxState b;
        if (first == FxCommitOrder.Side.B) {
            assertThat(only(b2).purpose()).isEqualTo(Purpose.PAYMENT_READY_TO_COMMIT);
            assertThat(b2.state().sendCommitted()).isTrue();                                 // B's £ transfer first
            assertThat(a2.state().sendCommitted()).isFalse();
            PaymentStep<FxState> a3 = FxParty.onMessage(contextA, a2.state(), only(b2));      // A commits both, acks
            assertThat(only(a3).purpose()).isEqualTo(Purpose.PAYMENT_COMMIT_ACK);
            PaymentStep<FxState> b3 = FxParty.onMessage(contextB, roundTrip(b2.state()), only(a3));
            a = a3.state();
            b = b3.state();
        } else {
            assertThat(only(b2).purpose()).isEqualTo(Purpose.FX_START_COMMIT);
            assertThat(b2.state().sendCommitted()).isFalse();
            PaymentStep<FxState> a3 = FxParty.onMessage(contextA, a2.state(), only(b2));      // A's $ transfer first
            assertThat(a3.state().sendCommitted()).isTrue();
            assertThat(only(a3).purpose()).isEqualTo(Purpose.PAYMENT_READY_TO_COMMIT);
            PaymentStep<FxState> b3 = FxParty.onMessage(contextB, b2.state(), only(a3));      // B commits both, acks
            PaymentStep<FxState> a4 = FxParty.onMessage(contextA, roundTrip(a3.state()), only(b3));
            a = a4.state();
            b = b3.state();
        }
        assertThat(a.phase()).isEqualTo(FxState.Phase.COMMITTED);
        assertThat(b.phase()).isEqualTo(FxState.Phase.COMMITTED);
        assertThat(a.book().balance(USD)).isEqualTo(usd(150));
        assertThat(a.book().balance(GBP)).isEqualTo(gbp(300));
        assertThat(b.book().balance(USD)).isEqualTo(usd(650));
        assertThat(b.book().balance(GBP)).isEqualTo(gbp(100));
    }

    @Test
    void bRejectingTheDollarsAbortsBothWithNothingChanged() {
        PaymentStep<FxState> a1 = FxParty.startA(contextA, book(USD_500, USD_300), B.id(), usd(650), gbp(300), FxCommitOrder.Side.A);
        FxState b0 = FxParty.expectB(contextB, book(GBP_400), A.id(), gbp(300), usd(600), FxCommitOrder.Side.A);
        PaymentStep<FxState> b1 = FxParty.onMessage(contextB, b0, only(a1));
        assertThat(b1.state().rejection()).contains(NoteRejection.WRONG_TOTAL);
        assertThat(b1.state().book().balance(GBP)).isEqualTo(gbp(400));
        PaymentStep<FxState> a2 = FxParty.onMessage(contextA, a1.state(), only(b1));
        assertThat(a2.outcome()).contains(PaymentOutcome.NOTES_REJECTED);
        assertThat(a2.state().book().balance(USD)).isEqualTo(usd(800));
    }

    @Test
    void bWithoutEnoughPoundsAbortsAndARestores() {
        PaymentStep<FxState> a1 = FxParty.startA(contextA, book(USD_500, USD_300), B.id(), usd(650), gbp(500), FxCommitOrder.Side.B);
        FxState b0 = FxParty.expectB(contextB, book(GBP_400), A.id(), gbp(500), usd(650), FxCommitOrder.Side.B);
        PaymentStep<FxState> b1 = FxParty.onMessage(contextB, b0, only(a1));
        assertThat(b1.outcome()).contains(PaymentOutcome.INSUFFICIENT_FUNDS);
        assertThat(b1.state().book().balance(USD)).isEqualTo(usd(0));
        PaymentStep<FxState> a2 = FxParty.onMessage(contextA, a1.state(), only(b1));
        assertThat(a2.outcome()).contains(PaymentOutcome.ABORTED_BY_PEER);
        assertThat(a2.state().book().balance(USD)).isEqualTo(usd(800));
    }

    @Test
    void aTimingOutAfterLogUpdatedWhenBCommitsFirstRecordsTheFailedCommit() {
        PaymentStep<FxState> a1 = FxParty.startA(contextA, book(USD_500, USD_300), B.id(), usd(650), gbp(300), FxCommitOrder.Side.B);
        PaymentStep<FxState> b1 = FxParty.onMessage(contextB,
                FxParty.expectB(contextB, book(GBP_400), A.id(), gbp(300), usd(650), FxCommitOrder.Side.B), only(a1));
        PaymentStep<FxState> a2 = FxParty.onMessage(contextA, a1.state(), only(b1));
        PaymentStep<FxState> b2 = FxParty.onMessage(contextB, b1.state(), only(a2));     // B committed its pounds
        PaymentStep<FxState> a3 = FxParty.onTimeout(contextA, a2.state());                  // Ready-to-Commit lost
        assertThat(a3.state().phase()).isEqualTo(FxState.Phase.FAILED_COMMIT);
        assertThat(a3.state().book().log().failedCommits().get(0).total(GBP)).isEqualTo(gbp(300));
        assertThat(a3.state().book().balance(USD)).isEqualTo(usd(800));                   // A's dollars never left
        PaymentStep<FxState> b3 = FxParty.onMessage(contextB, b2.state(), only(a3));
        assertThat(b3.state().phase()).isEqualTo(FxState.Phase.FAILED_COMMIT);             // B sent Ready: its $ claim is refused later
        assertThat(b3.state().book().balance(GBP)).isEqualTo(gbp(100));
        assertThat(FxParty.onMessage(contextB, b3.state(), only(a3)).disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(List.of(a3.state().isSettled(), b3.state().isSettled())).containsOnly(true);
    }
}
