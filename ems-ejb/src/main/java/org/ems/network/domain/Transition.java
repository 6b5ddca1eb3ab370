package org.ems.network.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one step of a party: its new state, the messages to send, and the outcome if
 * the party settled in this step. The application runs a step in one JTA transaction: load the
 * state, step, store {@link #state()}, send {@link #outgoing()}, tell the subscriber or bank
 * {@link #outcome()}; a redelivered input then yields {@link Disposition#DUPLICATE} and nothing
 * more. {@link #note()} says why an input was not accepted (for logs; never holds secrets).
 */
public record Transition<S>(S state, List<NetworkMessage> outgoing, Optional<Outcome> outcome, Disposition disposition,
        String note) {

    /** A party sends at most a handful of messages per step. */
    public static final int MAX_OUTGOING = 4;

    public Transition {
        Objects.requireNonNull(state, "state");
        outgoing = List.copyOf(outgoing);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(note, "note");
        if (outgoing.size() > MAX_OUTGOING) {
            throw new IllegalArgumentException("a step sends at most " + MAX_OUTGOING + " messages");
        }
        if (disposition != Disposition.ACCEPTED && (!outgoing.isEmpty() || outcome.isPresent())) {
            throw new IllegalArgumentException("an input that is not accepted changes nothing and sends nothing");
        }
    }

    public static <S> Transition<S> accepted(S state, List<NetworkMessage> outgoing) {
        return new Transition<>(state, outgoing, Optional.empty(), Disposition.ACCEPTED, "");
    }

    public static <S> Transition<S> accepted(S state, NetworkMessage... outgoing) {
        return accepted(state, List.of(outgoing));
    }

    /** The party settles with this outcome (terminal, or signed on / established). */
    public static <S> Transition<S> settled(S state, Outcome outcome, NetworkMessage... outgoing) {
        return new Transition<>(state, List.of(outgoing), Optional.of(outcome), Disposition.ACCEPTED, "");
    }

    public static <S> Transition<S> duplicate(S unchanged) {
        return new Transition<>(unchanged, List.of(), Optional.empty(), Disposition.DUPLICATE, "redelivered copy ignored");
    }

    public static <S> Transition<S> rejected(S unchanged, String why) {
        return new Transition<>(unchanged, List.of(), Optional.empty(), Disposition.REJECTED, why);
    }

    public boolean isAccepted() {
        return disposition == Disposition.ACCEPTED;
    }
}
