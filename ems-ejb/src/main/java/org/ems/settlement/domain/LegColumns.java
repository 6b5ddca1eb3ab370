package org.ems.settlement.domain;

import java.util.Arrays;
import java.util.List;
import org.ems.money.domain.CurrencyCode;

/**
 * A trade book's payment legs, kept as the trades arrive so that netting a closed cycle reads
 * primitive arrays and never walks the trade objects. Growable, mutable, single-threaded (owned by
 * one {@link TradeBook}). A rescinded trade's legs are set to zero, which nets to nothing.
 */
final class LegColumns {

    private int[] payer = new int[64];
    private int[] payee = new int[64];
    private int[] currency = new int[64];
    private long[] amountMinor = new long[64];
    private int size;

    /** Appends one leg; returns its index. */
    int append(int from, int to, int currencyIndex, long amount) {
        if (size == amountMinor.length) {
            int capacity = Math.addExact(size, size >> 1);
            payer = Arrays.copyOf(payer, capacity);
            payee = Arrays.copyOf(payee, capacity);
            currency = Arrays.copyOf(currency, capacity);
            amountMinor = Arrays.copyOf(amountMinor, capacity);
        }
        payer[size] = from;
        payee[size] = to;
        currency[size] = currencyIndex;
        amountMinor[size] = amount;
        return size++;
    }

    void zero(int leg) {
        amountMinor[leg] = 0;
    }

    /** The legs as they are now, sharing the arrays: net them at once, before the next change. */
    PaymentLegs view(List<CounterpartyId> counterparties, List<CurrencyCode> currencies) {
        return new PaymentLegs(counterparties, currencies, payer, payee, currency, amountMinor, size);
    }
}
