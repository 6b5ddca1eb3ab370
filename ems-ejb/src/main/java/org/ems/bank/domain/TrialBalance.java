package org.ems.bank.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proof that the ledger balances, per currency: the account balances sum to zero (every
 * entry credits exactly what it debits, and internal accounts carry the bank's side with its
 * sign), and over the whole journal total debits equal total credits. The two are computed from
 * different tables (accounts and journal lines), so each checks the other.
 */
public record TrialBalance(List<Line> lines) {

    /**
     * One currency's totals: {@code balanceSumMinor} from the accounts; {@code debitsMinor} and
     * {@code creditsMinor} from the journal (either source fills only its own fields).
     */
    public record Line(String currency, long balanceSumMinor, long debitsMinor, long creditsMinor) {
        public Line {
            LedgerAmount.requireCurrency(currency);
        }

        public boolean balances() {
            return balanceSumMinor == 0 && debitsMinor == creditsMinor;
        }
    }

    public TrialBalance {
        lines = List.copyOf(lines);
    }

    /** Merges the account-side and journal-side totals into one line per currency. */
    public static TrialBalance of(List<Line> balanceTotals, List<Line> journalTotals) {
        Map<String, Line> merged = new TreeMap<>();
        for (Line b : balanceTotals) {
            merged.merge(b.currency(), b, TrialBalance::add);
        }
        for (Line j : journalTotals) {
            merged.merge(j.currency(), j, TrialBalance::add);
        }
        return new TrialBalance(List.copyOf(merged.values()));
    }

    private static Line add(Line a, Line b) {
        return new Line(a.currency(), Math.addExact(a.balanceSumMinor(), b.balanceSumMinor()),
                Math.addExact(a.debitsMinor(), b.debitsMinor()), Math.addExact(a.creditsMinor(), b.creditsMinor()));
    }

    public boolean balances() {
        return lines.stream().allMatch(Line::balances);
    }
}
