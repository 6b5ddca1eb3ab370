package org.ems.money.domain;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Note Directory's choice of notes for a payment (patent, "Transfer Notes"): among all
 * alternatives (1) those with the fewest notes, (2) of those the fewest transfers (records, so
 * the fewest signatures to verify and the smallest packet), (3) of those the fewest
 * monetary-unit days (amount taken from each note times its whole days left until expiry,
 * summed), which passes on the notes closest to expiry. Every chosen note is used whole except
 * at most the last, which gives only the rest.
 *
 * <p>Only notes of the amount's currency that have not expired at {@code now} take part; the
 * caller chooses the note type (currency or credit) by what it passes. Step (2) is a
 * knapsack-like search: exact by branch and bound, but bounded by {@link #SEARCH_BUDGET} nodes,
 * after which the best alternative found so far (never worse than largest-first) is taken.
 */
public final class NoteChoice {

    /** Search nodes per choice: keeps one payment's CPU bounded however many notes a module holds. */
    public static final int SEARCH_BUDGET = 200_000;

    /** A note and the amount to take from it. */
    public record Pick(HeldNote note, Money amount) {
    }

    /** The chosen notes in transfer order, the partially used one (if any) last. */
    public record Choice(List<Pick> picks, int transferCount, BigInteger monetaryUnitDays) {

        public Choice {
            picks = List.copyOf(picks);
        }

        public Money total() {
            Money sum = Money.zero(picks.get(0).amount().currency());
            for (Pick pick : picks) {
                sum = sum.plus(pick.amount());
            }
            return sum;
        }
    }

    private NoteChoice() {
    }

    /** The best choice for paying {@code amount}; {@link InsufficientFundsException} if the eligible notes do not reach it. */
    public static Choice choose(List<HeldNote> held, Money amount, Instant now) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment must be positive: " + amount);
        }
        List<HeldNote> eligible = eligible(held, amount, now);
        Money available = Money.zero(amount.currency());
        for (HeldNote note : eligible) {
            available = available.plus(note.remaining());
        }
        if (amount.isGreaterThan(available)) {
            throw new InsufficientFundsException(available, amount);
        }
        return new NoteChoiceSearch(eligible, amount, now).run();
    }

    /** Eligible notes, largest remaining first (ties by id, so the choice is deterministic). */
    private static List<HeldNote> eligible(List<HeldNote> held, Money amount, Instant now) {
        List<HeldNote> eligible = new ArrayList<>();
        for (HeldNote note : held) {
            Objects.requireNonNull(note, "held note");
            if (note.remaining().currency().equals(amount.currency()) && !note.note().body().isExpiredAt(now)) {
                eligible.add(note);
            }
        }
        eligible.sort(Comparator.comparing((HeldNote note) -> note.remaining().amountMinor()).reversed()
                .thenComparing(HeldNote::id));
        return eligible;
    }

    /** Whole days left until expiry, as "number of days left until the note expires". */
    static long daysLeft(HeldNote note, Instant now) {
        return Duration.between(now, note.expiresAt()).toDays();
    }

    /**
     * Within a fixed set of notes, monetary-unit days are least when the notes closest to expiry
     * are used whole and the one with the most days left gives the rest (fractional knapsack).
     */
    static Choice allocate(List<HeldNote> notes, Money amount, Instant now) {
        List<HeldNote> byDays = new ArrayList<>(notes);
        byDays.sort(Comparator.comparingLong((HeldNote note) -> daysLeft(note, now)).thenComparing(HeldNote::id));
        List<Pick> picks = new ArrayList<>();
        long left = amount.amountMinor();
        int transfers = 0;
        BigInteger unitDays = BigInteger.ZERO;
        for (HeldNote note : byDays) {
            long take = Math.min(left, note.remaining().amountMinor());
            if (take == 0) {
                break;
            }
            picks.add(new Pick(note, Money.of(amount.currency(), take)));
            transfers += note.transferCount();
            unitDays = unitDays.add(BigInteger.valueOf(take).multiply(BigInteger.valueOf(daysLeft(note, now))));
            left -= take;
        }
        return new Choice(picks, transfers, unitDays);
    }
}
