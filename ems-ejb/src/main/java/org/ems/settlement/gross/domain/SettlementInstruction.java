package org.ems.settlement.gross.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * What counterparties A and B pass to their CSAs (figure 28, step 3134): the amounts each sends,
 * by type of note and monetary unit, and the time of settlement; plus the money modules of the two
 * CSAs and the session they settle in (A's session with B). Gross: one instruction per trade;
 * bilateral: one per pair with the net amounts ({@link PairTerms}).
 *
 * <p>Invariants: the settlement time is in whole milliseconds (finer parts are dropped); A and B differ; something moves (at least one side sends); no type of note and
 * currency goes both ways (a net amount goes one way). Immutable; equal terms are equal objects,
 * which is what makes a resubmitted instruction recognisable.
 */
public record SettlementInstruction(InstructionId id, SettlementBasis basis, ModuleId a, ModuleId b, ConversationId session,
        SettlementAmounts aSends, SettlementAmounts bSends, Instant settleAt) {

    public SettlementInstruction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(aSends, "aSends");
        Objects.requireNonNull(bSends, "bSends");
        Objects.requireNonNull(settleAt, "settleAt");
        settleAt = settleAt.truncatedTo(ChronoUnit.MILLIS);     // what a stored row gives back, so resubmitted terms compare equal
        if (a.equals(b)) {
            throw new IllegalArgumentException("instruction " + id + ": A and B are the same module " + a);
        }
        if (aSends.isEmpty() && bSends.isEmpty()) {
            throw new IllegalArgumentException("instruction " + id + ": nothing moves either way");
        }
        for (SettlementAmounts.Line line : aSends.lines()) {
            if (bSends.lines().stream().anyMatch(o -> o.type() == line.type() && o.amount().currency().equals(line.amount().currency()))) {
                throw new IllegalArgumentException("instruction " + id + ": both sides send " + line.type() + " "
                        + line.amount().currency());
            }
        }
    }

    public ModuleId module(Side side) {
        return side == Side.A ? a : b;
    }

    public SettlementAmounts sends(Side side) {
        return side == Side.A ? aSends : bSends;
    }

    /**
     * The side that starts Settle Foreign Exchange (its "A", figure 27): A, unless A sends nothing,
     * since the protocol's initiator always sends (a one-way payment goes from its A to its B).
     */
    public Side initiator() {
        return aSends.isEmpty() ? Side.B : Side.A;
    }

    /** The side of {@code module}, if it is one of the two. */
    public Optional<Side> sideOf(ModuleId module) {
        return module.equals(a) ? Optional.of(Side.A) : module.equals(b) ? Optional.of(Side.B)
                : Optional.empty();
    }
}
