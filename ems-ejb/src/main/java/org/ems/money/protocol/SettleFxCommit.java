package org.ems.money.protocol;

import java.util.List;
import java.util.Optional;
import org.ems.crypto.Purpose;
import org.ems.network.domain.Payloads;

/**
 * The commit half of Settle Foreign Exchange (figure 27, steps 3112-3132, then Commit of figure
 * 10), once both packets are verified and conditionally logged. As in {@link FxParty}, the
 * transfer S(X) to S(not X) commits first:
 *
 * <ul>
 * <li>X = 1 (B first): B makes its transfer unconditional on "Log Updated" and sends
 * Ready-to-Commit; A commits both its transfers and acknowledges; B commits its receipt.
 * <li>X = 0 (A first): B sends "Start Commit"; A makes its transfer unconditional and sends
 * Ready-to-Commit; B commits both and acknowledges; A commits its receipt.
 * <li>One-way (B sends nothing, step 3106): plain Commit, B (the transferee) sends Ready-to-Commit,
 * A commits its transfer and acknowledges, B commits its receipt.
 * </ul>
 */
final class SettleFxCommit {

    private SettleFxCommit() {
    }

    /** B, two-way: A has logged the transfer S(X) to S(not X) (step 3118). */
    static PaymentStep<SettleFxState> onLogUpdated(SettleFxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.FX_LOG_UPDATED) {
            return PaymentStep.rejected(state, message + " while waiting for Log Updated");
        }
        Payloads.readOnly(Purpose.FX_LOG_UPDATED, state.conversation(), message.payload());
        if (state.first() == FxCommitOrder.Side.B) {
            SettleFxState.Builder next = SettleFxTransfers.commitSend(state).to();      // steps 3120-3122
            next.phase = SettleFxState.Phase.AWAITING_ACK;
            next.permissionSent = true;
            next.seen = seen;
            return PaymentStep.accepted(next.build(), Wire.only(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation()));
        }
        SettleFxState.Builder next = state.to();                                         // steps 3126-3128
        next.phase = SettleFxState.Phase.AWAITING_READY;
        next.permissionSent = true;    // A commits its transfer to B on Start Commit
        next.seen = seen;
        return PaymentStep.accepted(next.build(), Wire.only(Purpose.FX_START_COMMIT, state.conversation()));
    }

    /** A, two-way: Ready-to-Commit when X = 1, Start Commit when X = 0. */
    static PaymentStep<SettleFxState> onCommitSignal(SettleFxState state, PaymentMessage message, List<byte[]> seen) {
        if (state.first() == FxCommitOrder.Side.B && message.purpose() == Purpose.PAYMENT_READY_TO_COMMIT) {
            Payloads.readOnly(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation(), message.payload());
            return commitBoth(state, seen);
        }
        if (state.first() == FxCommitOrder.Side.A && message.purpose() == Purpose.FX_START_COMMIT) {
            Payloads.readOnly(Purpose.FX_START_COMMIT, state.conversation(), message.payload());
            SettleFxState.Builder next = SettleFxTransfers.commitSend(state).to();      // step 3130
            next.phase = SettleFxState.Phase.AWAITING_ACK;
            next.permissionSent = true;
            next.seen = seen;
            return PaymentStep.accepted(next.build(), Wire.only(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation()));
        }
        return PaymentStep.rejected(state, message + " is not the commit signal for S(X) = " + state.first());
    }

    /** B after Start Commit, or A in a one-way payment: the receiver of Ready-to-Commit commits and acknowledges. */
    static PaymentStep<SettleFxState> onReady(SettleFxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.PAYMENT_READY_TO_COMMIT) {
            return PaymentStep.rejected(state, message + " while waiting for Ready-to-Commit");
        }
        Payloads.readOnly(Purpose.PAYMENT_READY_TO_COMMIT, state.conversation(), message.payload());
        return commitBoth(state, seen);
    }

    /** The sender of Ready-to-Commit commits its outstanding receipt last. */
    static PaymentStep<SettleFxState> onAck(SettleFxState state, PaymentMessage message, List<byte[]> seen) {
        if (message.purpose() != Purpose.PAYMENT_COMMIT_ACK) {
            return PaymentStep.rejected(state, message + " while waiting for the acknowledgement");
        }
        Payloads.readOnly(Purpose.PAYMENT_COMMIT_ACK, state.conversation(), message.payload());
        SettleFxState committed = SettleFxTransfers.commitReceive(state);
        if (!committed.receiveCommitted()) {
            // The same transfer reached this module in another conversation meanwhile: hold it once, record the rest.
            SettleFxState failed = SettleFxTransfers.abort(state, PaymentOutcome.FAILED_COMMIT, Optional.empty(), seen);
            return PaymentStep.settled(failed, failed.outcome().orElseThrow());
        }
        return settle(committed, seen);
    }

    private static PaymentStep<SettleFxState> commitBoth(SettleFxState state, List<byte[]> seen) {
        SettleFxState both = SettleFxTransfers.commitReceive(SettleFxTransfers.commitSend(state));
        if (!both.receiveCommitted()) {
            SettleFxState failed = SettleFxTransfers.abort(both, PaymentOutcome.FAILED_COMMIT, Optional.empty(), seen);
            return PaymentStep.settled(failed, failed.outcome().orElseThrow(),
                    Wire.only(Purpose.PAYMENT_COMMIT_ACK, state.conversation()));
        }
        PaymentStep<SettleFxState> done = settle(both, seen);
        return PaymentStep.settled(done.state(), done.outcome().orElseThrow(), Wire.only(Purpose.PAYMENT_COMMIT_ACK, state.conversation()));
    }

    private static PaymentStep<SettleFxState> settle(SettleFxState committed, List<byte[]> seen) {
        PaymentOutcome outcome = committed.received().isEmpty() ? PaymentOutcome.PAID : PaymentOutcome.RECEIVED;
        SettleFxState.Builder next = committed.to();
        next.phase = SettleFxState.Phase.COMMITTED;
        next.outcome = Optional.of(outcome);
        next.seen = seen;
        return PaymentStep.settled(next.build(), outcome);
    }
}
