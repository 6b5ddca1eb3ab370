package org.ems.settlement.domain;

import java.util.ArrayList;
import java.util.List;
import org.ems.money.domain.CurrencyCode;

/**
 * The netting system's computation (figure 23): one pass over the payment legs adds each amount
 * into a dense array of what each payer owes each payee in each currency; gross, bilateral and
 * multilateral positions all follow from that array ({@link NetPositions}). One
 * {@link Math#addExact} per leg, into primitive longs indexed by counterparty and currency:
 * order-independent (integer addition), and a total that would overflow a long is an
 * {@link ArithmeticException}, never a wrapped number. Single-threaded; holds no state.
 */
public final class Netting {

    private Netting() {
    }

    public static NetPositions net(PaymentLegs legs) {
        int parties = legs.counterparties().size();
        List<CurrencyCode> sorted = legs.currencies().stream().sorted().toList();
        int currencies = sorted.size();
        // the legs index currencies in order of first use; the positions in code order
        int[] rank = new int[currencies];
        for (int k = 0; k < currencies; k++) {
            rank[k] = sorted.indexOf(legs.currencies().get(k));
        }
        long[] owed = new long[parties * parties * currencies];
        int[] payer = legs.payer;
        int[] payee = legs.payee;
        int[] currency = legs.currency;
        long[] amountMinor = legs.amountMinor;
        for (int leg = 0, legCount = legs.size; leg < legCount; leg++) {
            int cell = (payer[leg] * parties + payee[leg]) * currencies + rank[currency[leg]];
            owed[cell] = Math.addExact(owed[cell], amountMinor[leg]);
        }
        return withoutUnusedCurrencies(legs.counterparties(), sorted, owed);
    }

    /**
     * The positions of an owed array, leaving out currencies nobody owes (those of a book's
     * rescinded trades only), so that equal trades give equal positions.
     */
    private static NetPositions withoutUnusedCurrencies(List<CounterpartyId> counterparties, List<CurrencyCode> currencies,
            long[] owed) {
        int c = currencies.size();
        boolean[] used = new boolean[c];
        for (int cell = 0; cell < owed.length; cell++) {
            used[cell % c] |= owed[cell] != 0;
        }
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            if (used[k]) {
                kept.add(k);
            }
        }
        if (kept.size() == c) {
            return new NetPositions(counterparties, currencies, owed);
        }
        int pairs = counterparties.size() * counterparties.size();
        long[] compact = new long[pairs * kept.size()];
        for (int pair = 0; pair < pairs; pair++) {
            for (int k = 0; k < kept.size(); k++) {
                compact[pair * kept.size() + k] = owed[pair * c + kept.get(k)];
            }
        }
        return new NetPositions(counterparties, kept.stream().map(currencies::get).toList(), compact);
    }
}
