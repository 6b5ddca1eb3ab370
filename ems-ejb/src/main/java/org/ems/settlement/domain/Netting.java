package org.ems.settlement.domain;

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
        int currencies = legs.currencies().size();
        long[] owed = new long[parties * parties * currencies];
        int[] payer = legs.payer;
        int[] payee = legs.payee;
        int[] currency = legs.currency;
        long[] amountMinor = legs.amountMinor;
        for (int leg = 0, legCount = legs.size; leg < legCount; leg++) {
            int cell = (payer[leg] * parties + payee[leg]) * currencies + currency[leg];
            owed[cell] = Math.addExact(owed[cell], amountMinor[leg]);
        }
        return NetPositions.fromOwed(legs.counterparties(), legs.currencies(), owed);
    }
}
