package org.ems.money.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.network.domain.Disposition;

/**
 * The result of one step of a payment party: its new state (module book included), the messages
 * to send to the peer inside the session, and the outcome if the party settled. As with
 * {@code org.ems.network.domain.Transition}, only an ACCEPTED input changes or sends anything.
 */
public record PaymentStep<S>(S state, List<PaymentMessage> outgoing, Optional<PaymentOutcome> outcome,
        Disposition disposition, String note) {

    public PaymentStep {
        Objects.requireNonNull(state, "state");
        outgoing = List.copyOf(outgoing);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(note, "note");
        if (disposition != Disposition.ACCEPTED && (!outgoing.isEmpty() || outcome.isPresent())) {
            throw new IllegalArgumentException("an input that is not accepted changes nothing and sends nothing");
        }
    }

    static <S> PaymentStep<S> accepted(S state, PaymentMessage... outgoing) {
        return new PaymentStep<>(state, List.of(outgoing), Optional.empty(), Disposition.ACCEPTED, "");
    }

    static <S> PaymentStep<S> settled(S state, PaymentOutcome outcome, PaymentMessage... outgoing) {
        return new PaymentStep<>(state, List.of(outgoing), Optional.of(outcome), Disposition.ACCEPTED, "");
    }

    static <S> PaymentStep<S> duplicate(S unchanged) {
        return new PaymentStep<>(unchanged, List.of(), Optional.empty(), Disposition.DUPLICATE, "redelivered copy ignored");
    }

    static <S> PaymentStep<S> rejected(S unchanged, String why) {
        return new PaymentStep<>(unchanged, List.of(), Optional.empty(), Disposition.REJECTED, why);
    }

    public boolean isAccepted() {
        return disposition == Disposition.ACCEPTED;
    }
}
