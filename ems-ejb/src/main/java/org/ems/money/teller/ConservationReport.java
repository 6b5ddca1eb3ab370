package org.ems.money.teller;

import java.util.List;
import org.ems.money.domain.Money;

/**
 * DESIGN.md invariant 1 for one currency, over the whole system: what the money generators
 * issued less what tellers retired (the notes outstanding) against where that value is: held
 * unconditionally by modules, in transit (sent conditionally, not final), or lost in failed
 * commits (recorded, claimable); and the banks' EMS clearing accounts against the notes
 * outstanding plus what tellers owe modules in the middle of an operation (notes retired, fresh
 * ones not yet paid: the clearing account still backs them).
 */
public record ConservationReport(String currency, Money issued, Money retired, Money held, Money inTransit, Money failedCommits,
                                 Money owedByTellers, Money bankClearing, int operationsInFlight, List<String> banksUnbalanced) {

    public ConservationReport {
        banksUnbalanced = List.copyOf(banksUnbalanced);
    }

    public Money outstanding() {
        return issued.minus(retired);
    }

    /** Outstanding notes = held + in transit + failed commits. */
    public boolean notesConserved() {
        return outstanding().equals(held.plus(inTransit).plus(failedCommits));
    }

    /**
     * Every bank's ledger balances, and the clearing accounts hold what is outstanding plus what
     * tellers owe (exact when no operation is in flight: a bank may have posted a request whose
     * reply the teller has not yet processed).
     */
    public boolean banksAgree() {
        return banksUnbalanced.isEmpty() && (operationsInFlight > 0 || bankClearing.equals(outstanding().plus(owedByTellers)));
    }

    public boolean holds() {
        return notesConserved() && banksAgree();
    }
}
