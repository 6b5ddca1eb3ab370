package org.ems.settlement.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;

/**
 * The positions of a cycle's trades under each netting method, in minor units per counterparty
 * and currency (the patent's figure 23 example: gross, A pays C USD 10 and B JPY 500 and USD 9;
 * bilateral, A pays B USD 4; multilateral, A pays the netting agent USD 14).
 *
 * <ul>
 * <li>Gross: a counterparty funds every leg it pays; {@link #grossPays} and {@link #grossReceives}.
 * <li>Bilateral: each pair nets per currency; {@link #bilateral} is what one receives from the
 * other (negative: pays), and a counterparty funds the pairs where it is the net payer.
 * <li>Multilateral: each counterparty nets against all others; {@link #multilateral} is what the
 * netting agent pays it (negative: what it pays the netting agent), and it funds its net debits.
 * </ul>
 *
 * <p>Invariants (property-tested): per currency, multilateral positions sum to zero and each
 * counterparty's bilateral positions sum to its multilateral one; multilateral funding &lt;=
 * bilateral &lt;= gross, for every counterparty and in total. Immutable; built by {@link Netting}
 * from the owed array, everything else derived here with exact arithmetic. Currencies are those
 * the trades use, in code order.
 */
public final class NetPositions {

    private final List<CounterpartyId> counterparties;
    private final List<CurrencyCode> currencies;
    private final Map<CounterpartyId, Integer> partyIndex = new HashMap<>();
    private final Map<CurrencyCode, Integer> currencyIndex = new HashMap<>();
    /** [payer][payee][currency]: the sum of the legs payer pays payee. */
    private final long[] owed;
    /** [counterparty][currency] */
    private final long[] pays;
    private final long[] receives;
    private final long[] bilateralDebits;
    /** [method.ordinal()][currency]: the sum of the debits (what must be funded). */
    private final long[][] funding = new long[NettingMethod.values().length][];

    /** From an owed array {@code [payer][payee][currency]} with currencies in code order (see {@link Netting}). */
    NetPositions(List<CounterpartyId> counterparties, List<CurrencyCode> currencies, long[] owed) {
        this.counterparties = List.copyOf(counterparties);
        this.currencies = List.copyOf(currencies);
        int n = counterparties.size();
        int c = currencies.size();
        if (owed.length != n * n * c) {
            throw new IllegalArgumentException("owed array of " + owed.length + " for " + n + " counterparties, " + c + " currencies");
        }
        this.owed = owed;
        for (int i = 0; i < n; i++) {
            partyIndex.put(this.counterparties.get(i), i);
        }
        for (int k = 0; k < c; k++) {
            if (k > 0 && this.currencies.get(k - 1).compareTo(this.currencies.get(k)) >= 0) {
                throw new IllegalArgumentException("currencies must be distinct and in code order: " + currencies);
            }
            currencyIndex.put(this.currencies.get(k), k);
        }
        this.pays = new long[n * c];
        this.receives = new long[n * c];
        this.bilateralDebits = new long[n * c];
        sumGross(n, c);
        sumBilateral(n, c);
        sumFunding(n, c);
    }

    private void sumGross(int n, int c) {
        for (int payer = 0; payer < n; payer++) {
            for (int payee = 0; payee < n; payee++) {
                int base = (payer * n + payee) * c;
                for (int k = 0; k < c; k++) {
                    pays[payer * c + k] = Math.addExact(pays[payer * c + k], owed[base + k]);
                    receives[payee * c + k] = Math.addExact(receives[payee * c + k], owed[base + k]);
                }
            }
        }
    }

    private void sumBilateral(int n, int c) {
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int k = 0; k < c; k++) {
                    long aPaysB = Math.subtractExact(owed[(a * n + b) * c + k], owed[(b * n + a) * c + k]);
                    int debtor = aPaysB > 0 ? a : b;
                    bilateralDebits[debtor * c + k] = Math.addExact(bilateralDebits[debtor * c + k], Math.absExact(aPaysB));
                }
            }
        }
    }

    private void sumFunding(int n, int c) {
        long[] gross = new long[c];
        long[] bilateral = new long[c];
        long[] multilateral = new long[c];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                gross[k] = Math.addExact(gross[k], pays[i * c + k]);
                bilateral[k] = Math.addExact(bilateral[k], bilateralDebits[i * c + k]);
                multilateral[k] = Math.addExact(multilateral[k], multilateralDebit(i, k));
            }
        }
        funding[NettingMethod.GROSS.ordinal()] = gross;
        funding[NettingMethod.BILATERAL.ordinal()] = bilateral;
        funding[NettingMethod.MULTILATERAL.ordinal()] = multilateral;
    }

    private long multilateralNet(int party, int k) {
        return Math.subtractExact(receives[party * currencyCount() + k], pays[party * currencyCount() + k]);
    }

    private long multilateralDebit(int party, int k) {
        return Math.max(0, -multilateralNet(party, k));
    }

    private int currencyCount() {
        return currencies.size();
    }

    public List<CounterpartyId> counterparties() {
        return counterparties;
    }

    /** The currencies traded in the cycle, in code order; every position in another currency is zero. */
    public List<CurrencyCode> currencies() {
        return currencies;
    }

    /** What {@code payer} pays {@code payee} in {@code currency} on a gross basis: the sum of those legs. */
    public Money owes(CounterpartyId payer, CounterpartyId payee, CurrencyCode currency) {
        Integer k = currencyIndex.get(currency);
        return Money.of(currency, k == null ? 0 : owed[(party(payer) * counterparties.size() + party(payee)) * currencyCount() + k]);
    }

    /** What {@code counterparty} pays in {@code currency} on a gross basis (its gross funding). */
    public Money grossPays(CounterpartyId counterparty, CurrencyCode currency) {
        return cell(pays, counterparty, currency);
    }

    /** What {@code counterparty} receives in {@code currency} on a gross basis. */
    public Money grossReceives(CounterpartyId counterparty, CurrencyCode currency) {
        return cell(receives, counterparty, currency);
    }

    /** What {@code counterparty} receives from {@code other} in {@code currency}, netted bilaterally (negative: pays). */
    public Money bilateral(CounterpartyId counterparty, CounterpartyId other, CurrencyCode currency) {
        return owes(other, counterparty, currency).minus(owes(counterparty, other, currency));
    }

    /** What the netting agent pays {@code counterparty} in {@code currency} (negative: what it pays the netting agent). */
    public Money multilateral(CounterpartyId counterparty, CurrencyCode currency) {
        int i = party(counterparty);
        Integer k = currencyIndex.get(currency);
        return Money.of(currency, k == null ? 0 : multilateralNet(i, k));
    }

    /** Every non-zero multilateral position, by counterparty then currency: the debits and credits the MSC receives. */
    public List<NetPosition> multilateralPositions() {
        List<NetPosition> positions = new ArrayList<>();
        for (int i = 0; i < counterparties.size(); i++) {
            for (int k = 0; k < currencies.size(); k++) {
                long net = multilateralNet(i, k);
                if (net != 0) {
                    positions.add(new NetPosition(counterparties.get(i), Money.of(currencies.get(k), net)));
                }
            }
        }
        return positions;
    }

    /** The funding requirement of {@code method} in {@code currency}: the sum of all debits. */
    public Money funding(NettingMethod method, CurrencyCode currency) {
        Integer k = currencyIndex.get(currency);
        return Money.of(currency, k == null ? 0 : funding[method.ordinal()][k]);
    }

    /** What {@code counterparty} must fund in {@code currency} under {@code method}: the sum of its debits. */
    public Money funding(NettingMethod method, CounterpartyId counterparty, CurrencyCode currency) {
        int i = party(counterparty);
        Integer k = currencyIndex.get(currency);
        if (k == null) {
            return Money.zero(currency);
        }
        long debit = switch (method) {
            case GROSS -> pays[i * currencyCount() + k];
            case BILATERAL -> bilateralDebits[i * currencyCount() + k];
            case MULTILATERAL -> multilateralDebit(i, k);
        };
        return Money.of(currency, debit);
    }

    /** The liquidity saving of multilateral netting against gross settlement in {@code currency}. */
    public LiquiditySaving liquiditySaving(CurrencyCode currency) {
        return liquiditySaving(NettingMethod.MULTILATERAL, NettingMethod.GROSS, currency);
    }

    /** The liquidity saving of {@code method} against {@code baseline} in {@code currency}. */
    public LiquiditySaving liquiditySaving(NettingMethod method, NettingMethod baseline, CurrencyCode currency) {
        return new LiquiditySaving(funding(baseline, currency), funding(method, currency));
    }

    private Money cell(long[] array, CounterpartyId counterparty, CurrencyCode currency) {
        int i = party(counterparty);
        Integer k = currencyIndex.get(currency);
        return Money.of(currency, k == null ? 0 : array[i * currencyCount() + k]);
    }

    private int party(CounterpartyId counterparty) {
        Integer i = partyIndex.get(Objects.requireNonNull(counterparty, "counterparty"));
        if (i == null) {
            throw new IllegalArgumentException("not a counterparty of this cycle: " + counterparty);
        }
        return i;
    }

    /** Equal if the same counterparties and currencies owe each other the same amounts (all else follows). */
    @Override
    public boolean equals(Object other) {
        return other instanceof NetPositions that && counterparties.equals(that.counterparties)
                && currencies.equals(that.currencies) && Arrays.equals(owed, that.owed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counterparties, currencies, Arrays.hashCode(owed));
    }
}
