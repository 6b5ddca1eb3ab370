package org.ems.settlement.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.ems.money.domain.CurrencyCode;

/**
 * The payment legs of a set of trades (two per trade: the seller pays what was bought, the buyer
 * pays the price) as primitive columns: payer and payee are indexes into {@link #counterparties()}
 * (in code order), currency an index into {@link #currencies()} (in order of first use), amounts
 * are minor units. This is the netting's input; it holds no boxed numbers. Immutable: the arrays
 * never leave this class, and a {@link TradeBook}'s live columns are only ever netted at once,
 * never handed out (its {@link TradeBook#legs()} is a copy).
 */
public final class PaymentLegs {

    private final List<CounterpartyId> counterparties;
    private final List<CurrencyCode> currencies;
    final int[] payer;
    final int[] payee;
    final int[] currency;
    final long[] amountMinor;
    final int size;

    PaymentLegs(List<CounterpartyId> counterparties, List<CurrencyCode> currencies, int[] payer, int[] payee, int[] currency,
            long[] amountMinor, int size) {
        this.counterparties = List.copyOf(counterparties);
        this.currencies = List.copyOf(currencies);
        if (this.counterparties.size() > TradeBook.MAX_COUNTERPARTIES || this.currencies.size() > TradeBook.MAX_CURRENCIES
                || size > 2 * TradeBook.MAX_TRADES) {
            throw new IllegalArgumentException("over the limits of one cycle: " + this.counterparties.size() + " counterparties, "
                    + this.currencies.size() + " currencies, " + size + " legs");
        }
        this.payer = payer;
        this.payee = payee;
        this.currency = currency;
        this.amountMinor = amountMinor;
        this.size = size;
    }

    /**
     * The legs of {@code trades} among {@code counterparties}. Refuses a trade with a counterparty
     * not in the list ({@code UNKNOWN_COUNTERPARTY}), and more counterparties, currencies or trades
     * than a {@link TradeBook} may hold.
     */
    public static PaymentLegs of(Collection<CounterpartyId> counterparties, Collection<Trade> trades) {
        List<CounterpartyId> parties = List.copyOf(new TreeSet<>(counterparties));
        if (trades.size() > TradeBook.MAX_TRADES) {
            throw new IllegalArgumentException("more than " + TradeBook.MAX_TRADES + " trades");
        }
        Map<CounterpartyId, Integer> partyIndex = new HashMap<>();
        for (int i = 0; i < parties.size(); i++) {
            partyIndex.put(parties.get(i), i);
        }
        Map<CurrencyCode, Integer> currencyIndex = new HashMap<>();
        List<CurrencyCode> currencies = new ArrayList<>();
        int legs = 2 * trades.size();
        int[] payer = new int[legs];
        int[] payee = new int[legs];
        int[] currency = new int[legs];
        long[] amountMinor = new long[legs];
        int leg = 0;
        for (Trade trade : trades) {
            int buyer = index(partyIndex, trade, trade.buyer());
            int seller = index(partyIndex, trade, trade.seller());
            payer[leg] = seller;
            payee[leg] = buyer;
            currency[leg] = index(currencyIndex, currencies, trade.bought().currency());
            amountMinor[leg++] = trade.bought().amountMinor();
            payer[leg] = buyer;
            payee[leg] = seller;
            currency[leg] = index(currencyIndex, currencies, trade.paid().currency());
            amountMinor[leg++] = trade.paid().amountMinor();
        }
        return new PaymentLegs(parties, currencies, payer, payee, currency, amountMinor, legs);
    }

    /** The currency's index, assigned on first use (no capturing lambda: this runs twice per trade). */
    private static int index(Map<CurrencyCode, Integer> currencyIndex, List<CurrencyCode> currencies, CurrencyCode currency) {
        Integer index = currencyIndex.get(currency);
        if (index == null) {
            index = currencies.size();
            currencies.add(currency);
            currencyIndex.put(currency, index);
        }
        return index;
    }

    private static int index(Map<CounterpartyId, Integer> partyIndex, Trade trade, CounterpartyId party) {
        Integer index = partyIndex.get(party);
        if (index == null) {
            throw new TradeRefusedException(TradeRefusal.UNKNOWN_COUNTERPARTY, "trade " + trade.id() + ": " + party);
        }
        return index;
    }

    /** A copy of these legs without the zero ones (a book's rescinded trades), arrays trimmed to size. */
    PaymentLegs copyWithoutZeroLegs() {
        int kept = 0;
        for (int leg = 0; leg < size; leg++) {
            kept += amountMinor[leg] != 0 ? 1 : 0;
        }
        int[] newPayer = new int[kept];
        int[] newPayee = new int[kept];
        int[] newCurrency = new int[kept];
        long[] newAmount = new long[kept];
        int to = 0;
        for (int leg = 0; leg < size; leg++) {
            if (amountMinor[leg] != 0) {
                newPayer[to] = payer[leg];
                newPayee[to] = payee[leg];
                newCurrency[to] = currency[leg];
                newAmount[to++] = amountMinor[leg];
            }
        }
        return new PaymentLegs(counterparties, currencies, newPayer, newPayee, newCurrency, newAmount, kept);
    }

    public List<CounterpartyId> counterparties() {
        return counterparties;
    }

    /** The currencies the legs' indexes refer to, in order of first use. */
    public List<CurrencyCode> currencies() {
        return currencies;
    }

    /** The number of legs: twice the number of trades. */
    public int size() {
        return size;
    }

    public int payer(int leg) {
        return payer[checked(leg)];
    }

    public int payee(int leg) {
        return payee[checked(leg)];
    }

    public int currency(int leg) {
        return currency[checked(leg)];
    }

    public long amountMinor(int leg) {
        return amountMinor[checked(leg)];
    }

    private int checked(int leg) {
        return Objects.checkIndex(leg, size);
    }

    @Override
    public String toString() {
        return "PaymentLegs[" + size + " legs, " + counterparties.size() + " counterparties, " + currencies + "]";
    }
}
