package org.ems.money.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.money.domain.InsufficientFundsException;
import org.ems.money.domain.Money;

/**
 * A withdrawal or deposit at a bank's teller money module, as one state machine over the payments
 * and the bank request it needs (patent: Withdraw Notes, Deposit Notes, and "Money Issued
 * Reconciliation": on every withdrawal or deposit all of the module's notes in that currency go
 * back to the bank and are replaced by fresh ones).
 *
 * <ol>
 *   <li>COLLECTING: the module pays the teller everything it holds in the currency ({@code returned},
 *       skipped when it holds nothing). The teller retires those notes when it has them
 *       unconditionally.</li>
 *   <li>BANKING: the teller posts the accounting (withdrawal: account debited; deposit: account
 *       credited) at the bank, with an idempotency key.</li>
 *   <li>PAYING_OUT: the money generator issues fresh notes for what the module is owed
 *       (withdrawal: returned + amount; deposit: returned - amount; bank refused: returned) and the
 *       teller pays them.</li>
 *   <li>If that payment aborts with the teller holding the notes again, the teller retires them
 *       and credits the account with the value instead (a withdrawal is reversed: "tellers are
 *       told to reverse their accounting"): RETURNING_TO_ACCOUNT until the bank confirms.</li>
 * </ol>
 * Value is never created twice: notes are issued only after the bank approved (or to give back
 * exactly what was retired), and retired value either reaches the module again or the account.
 * Immutable; each event returns the next operation and the commands to run in the same
 * transaction.
 */
public record TellerOperation(Kind kind, Money amount, Money returned, Phase phase, Optional<String> bankRefusal,
                              int pendingFollowUps) {

    public enum Kind { WITHDRAWAL, DEPOSIT }

    public enum Phase {
        COLLECTING, BANKING, PAYING_OUT, RETURNING_TO_ACCOUNT,
        /** Done: the module holds fresh notes worth what it is owed. */
        COMPLETED,
        /** The bank refused; the module holds fresh notes for what it returned. */
        REFUSED,
        /** The module's notes never reached the teller; nothing was posted. */
        FAILED,
        /** The payout aborted; the value went back to the bank account. */
        RETURNED_TO_ACCOUNT,
        /** The bank refused to take the value back: an operator must settle it (reported by the conservation check). */
        ATTENTION;

        public boolean isFinal() {
            return this == COMPLETED || this == REFUSED || this == FAILED || this == RETURNED_TO_ACCOUNT || this == ATTENTION;
        }
    }

    /** What the teller does next, in the transaction of the event. */
    public sealed interface Command {
    }

    /** The module pays the teller its whole balance in the currency. */
    public record Collect(Money value) implements Command {
    }

    /** The teller takes the notes it received out of circulation (value deposited back to the bank). */
    public record Retire(Money value) implements Command {
    }

    /** The accounting at the bank: a withdrawal debits the account, a deposit credits it. */
    public record Post(Kind kind, Money value) implements Command {
    }

    /** The money generator issues fresh notes of this value to the teller, who pays them to the module. */
    public record IssueAndPay(Money value) implements Command {
    }

    /** Undo the approved withdrawal posting. */
    public record Reverse() implements Command {
    }

    /** Credit the account with value the module could not take (a deposit from EMS). */
    public record CreditAccount(Money value) implements Command {
    }

    public record Step(TellerOperation operation, List<Command> commands) {

        public Step {
            commands = List.copyOf(commands);
        }
    }

    public TellerOperation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(bankRefusal, "bankRefusal");
        amount.requireSameCurrency(returned);
        if (!amount.isPositive() || returned.isNegative() || pendingFollowUps < 0) {
            throw new IllegalArgumentException("a teller operation needs a positive amount: " + amount + ", returned " + returned);
        }
    }

    /**
     * Starts an operation for a module holding {@code balance} in the amount's currency. A deposit
     * of more than the balance is refused (changing nothing).
     */
    public static Step start(Kind kind, Money amount, Money balance) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase() + " must be positive: " + amount);
        }
        if (kind == Kind.DEPOSIT && amount.isGreaterThan(balance)) {
            throw new InsufficientFundsException(balance, amount);
        }
        if (balance.isPositive()) {
            return new Step(new TellerOperation(kind, amount, balance, Phase.COLLECTING, Optional.empty(), 0),
                    List.of(new Collect(balance)));
        }
        return new Step(new TellerOperation(kind, amount, balance, Phase.BANKING, Optional.empty(), 0),
                List.of(new Post(kind, amount)));
    }

    /** The teller holds the module's notes unconditionally. */
    public Step collected() {
        require(Phase.COLLECTING);
        return new Step(to(Phase.BANKING), List.of(new Retire(returned), new Post(kind, amount)));
    }

    /** The module's payment to the teller ended without the teller holding the notes. */
    public Step collectFailed() {
        require(Phase.COLLECTING);
        return new Step(to(Phase.FAILED), List.of());
    }

    public Step bankApproved() {
        require(Phase.BANKING);
        Money owed = kind == Kind.WITHDRAWAL ? returned.plus(amount) : returned.minus(amount);
        return owed.isPositive()
                ? new Step(to(Phase.PAYING_OUT), List.of(new IssueAndPay(owed)))
                : new Step(to(Phase.COMPLETED), List.of());
    }

    public Step bankRefused(String reason) {
        require(Phase.BANKING);
        TellerOperation refused = new TellerOperation(kind, amount, returned, phase, Optional.of(reason), 0);
        return returned.isPositive()
                ? new Step(refused.to(Phase.PAYING_OUT), List.of(new IssueAndPay(returned)))
                : new Step(refused.to(Phase.REFUSED), List.of());
    }

    /** The module holds the fresh notes (the teller's side of the payout committed). */
    public Step paidOut() {
        require(Phase.PAYING_OUT);
        return new Step(to(bankRefusal.isPresent() ? Phase.REFUSED : Phase.COMPLETED), List.of());
    }

    /** The payout aborted and the teller holds the fresh notes again: they go back to the account. */
    public Step payoutAborted() {
        require(Phase.PAYING_OUT);
        Money owed = payout();
        List<Command> followUps;
        if (bankRefusal.isPresent()) {
            followUps = List.of(new CreditAccount(returned));
        } else if (kind == Kind.WITHDRAWAL) {
            followUps = returned.isPositive() ? List.of(new Reverse(), new CreditAccount(returned)) : List.of(new Reverse());
        } else {
            followUps = List.of(new CreditAccount(owed));
        }
        TellerOperation next = new TellerOperation(kind, amount, returned, Phase.RETURNING_TO_ACCOUNT, bankRefusal, followUps.size());
        List<Command> commands = new java.util.ArrayList<>();
        commands.add(new Retire(owed));
        commands.addAll(followUps);
        return new Step(next, commands);
    }

    /** The bank answered one follow-up (reversal or credit). */
    public Step followUpAnswered(boolean approved) {
        require(Phase.RETURNING_TO_ACCOUNT);
        if (!approved) {
            return new Step(new TellerOperation(kind, amount, returned, Phase.ATTENTION, bankRefusal, 0), List.of());
        }
        int left = pendingFollowUps - 1;
        Phase next = left == 0 ? Phase.RETURNED_TO_ACCOUNT : Phase.RETURNING_TO_ACCOUNT;
        return new Step(new TellerOperation(kind, amount, returned, next, bankRefusal, left), List.of());
    }

    /** What the payout pays the module. */
    public Money payout() {
        if (bankRefusal.isPresent()) {
            return returned;
        }
        return kind == Kind.WITHDRAWAL ? returned.plus(amount) : returned.minus(amount);
    }

    private TellerOperation to(Phase next) {
        return new TellerOperation(kind, amount, returned, next, bankRefusal, pendingFollowUps);
    }

    private void require(Phase expected) {
        if (phase != expected) {
            throw new IllegalStateException("teller operation is " + phase + ", not " + expected);
        }
    }
}
