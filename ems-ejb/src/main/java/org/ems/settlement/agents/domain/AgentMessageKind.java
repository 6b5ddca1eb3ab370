package org.ems.settlement.agents.domain;

import static org.ems.settlement.agents.domain.AgentRole.CSA;
import static org.ems.settlement.agents.domain.AgentRole.MSA;
import static org.ems.settlement.agents.domain.AgentRole.MSC;

import java.util.List;
import java.util.Set;

/**
 * The messages of figure 29 and the handshake that puts a receiver's agreement in place before
 * its payer starts a Settle Foreign Exchange. Each kind fixes who may send it to whom, which
 * transfers ({@link TransferRef.Kind}) it may name, and whether it carries amounts or the
 * settlement time.
 */
public enum AgentMessageKind {
    /** Step 3148 (MSC to MSA) and 3150 (MSA to CSA): a CSA's net debits and the settlement time. */
    DEBIT_DATA(List.of(pair(MSC, MSA), pair(MSA, CSA)), Set.of(TransferRef.Kind.DEBIT), true, true),
    /** Step 3154: the CSA holds its debits and will pay them (transfer IN). */
    FUNDS_ACQUIRED(List.of(pair(CSA, MSA)), Set.of(TransferRef.Kind.IN), true, false),
    /** The receiver of a transfer has agreed to it (Settle FX {@code expect}): its payer may start now. */
    READY_TO_RECEIVE(List.of(pair(MSA, CSA), pair(CSA, MSA), pair(MSC, MSA), pair(MSA, MSC)),
            Set.of(TransferRef.Kind.IN, TransferRef.Kind.FWD, TransferRef.Kind.OUT, TransferRef.Kind.CR, TransferRef.Kind.RET,
                    TransferRef.Kind.REFUND), true,
            false),
    /**
     * The payer's attempt at a part failed: the receiver goes on when its module is free (agrees again,
     * with a new READY_TO_RECEIVE, or to its next item if the part is FAILED). Needed when the receiver's
     * own side ended at its first step (AMOUNTS_REFUSED), which is too early for it to agree in that step.
     */
    RETRY(List.of(pair(MSA, CSA), pair(CSA, MSA), pair(MSC, MSA), pair(MSA, MSC)),
            Set.of(TransferRef.Kind.IN, TransferRef.Kind.FWD, TransferRef.Kind.OUT, TransferRef.Kind.CR, TransferRef.Kind.RET,
                    TransferRef.Kind.REFUND), true, false),
    /** Step 3160: the MSA received a CSA's debits and will pay them on (transfer FWD). */
    PAID_IN(List.of(pair(MSA, MSC)), Set.of(TransferRef.Kind.FWD), true, false),
    /** Step 3176: a net-credit CSA's credits, so that the MSA can split its payout. */
    CREDIT_DATA(List.of(pair(MSC, MSA)), Set.of(TransferRef.Kind.CREDIT), true, false),
    /** Steps 3176 and 3180: the payer will pay the receiver's credits (OUT to an MSA, CR to a CSA). */
    PAYOUT(List.of(pair(MSC, MSA), pair(MSA, CSA)), Set.of(TransferRef.Kind.OUT, TransferRef.Kind.CR), true, false),
    /** The MSA paid a net-credit CSA its credits (so the MSC can count the position paid out). */
    PAID_OUT(List.of(pair(MSA, MSC)), Set.of(TransferRef.Kind.CR), true, false),
    /** Steps 3168-3172: the payer will give back what the receiver paid (RET to an MSA, REFUND to a CSA). */
    RETURN(List.of(pair(MSC, MSA), pair(MSA, CSA)), Set.of(TransferRef.Kind.RET, TransferRef.Kind.REFUND), true, false),
    /** Steps 3178-3184: the settlement succeeded. */
    SUCCESS(List.of(pair(MSC, MSA), pair(MSA, CSA)), Set.of(), false, false),
    /** Steps 3168-3174: the settlement failed; what was paid comes back. */
    FAILURE(List.of(pair(MSC, MSA), pair(MSA, CSA)), Set.of(), false, false);

    private final List<List<AgentRole>> routes;
    private final Set<TransferRef.Kind> transfers;
    private final boolean amounts;
    private final boolean time;

    AgentMessageKind(List<List<AgentRole>> routes, Set<TransferRef.Kind> transfers, boolean amounts, boolean time) {
        this.routes = routes;
        this.transfers = transfers;
        this.amounts = amounts;
        this.time = time;
    }

    private static List<AgentRole> pair(AgentRole from, AgentRole to) {
        return List.of(from, to);
    }

    public boolean allows(AgentRole from, AgentRole to) {
        return routes.contains(List.of(from, to));
    }

    /** Whether the message names a transfer, and then which kinds; none: the reference is {@code -}. */
    public Set<TransferRef.Kind> transfers() {
        return transfers;
    }

    /** Whether the message carries (non-empty) amounts; otherwise {@code -}. */
    public boolean hasAmounts() {
        return amounts;
    }

    /** Whether the message carries the settlement time; otherwise {@code -}. */
    public boolean hasTime() {
        return time;
    }

    /** READY_TO_RECEIVE and RETRY name a part and count attempts (after a failed Settle FX); others carry 0 and whole transfers. */
    public boolean hasAttempt() {
        return this == READY_TO_RECEIVE || this == RETRY;
    }
}
