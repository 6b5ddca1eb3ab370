package org.ems.money.teller;

import java.util.List;
import org.ems.money.domain.Money;

/**
 * DESIGN.md invariant 1 for one currency, over the whole system: what the money generators
 * issued less what tellers retired (the notes outstanding) against where that value is: held
 * unconditionally by modules, in transit (sent conditionally, not final), lost in failed commits
 * (recorded, claimable), or owed by a teller in the middle of an operation; and the banks' EMS
 * clearing accounts against the notes outstanding.
 */
public record ConservationReport(String currency, Money issued, Money retired, Money held, Money inTransit, Money failedCommits,
                                 Money owedByTellers, Money bankClearing, int operationsInFlight, List<String> banksUnbalanced) {

    public ConservationReport {
        banksUnbalanced = List.copyOf(banksUnbalanced);
    }

    public Money outstanding() {
        return issued.minus(retired);
    }

    /** Outstanding notes = held + in transit + failed commits + owed by tellers. */
    public boolean notesConserved() {
        return outstanding().equals(held.plus(inTransit).plus(failedCommits).plus(owedByTellers));
    }

    /** The clearing accounts hold what is outstanding, and every bank's ledger balances (exact when no operation is in flight). */
    public boolean banksAgree() {
        return banksUnbalanced.isEmpty() && (operationsInFlight > 0 || bankClearing.equals(outstanding()));
    }

    public boolean holds() {
        return notesConserved() && banksAgree();
    }
}
