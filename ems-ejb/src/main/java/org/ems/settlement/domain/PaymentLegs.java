package org.ems.settlement.domain;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ems.money.domain.CurrencyCode;

/**
 * The payment legs of a set of trades (two per trade: the seller pays what was bought, the buyer
 * pays the price) as primitive columns: payer, payee and currency are indexes into
 * {@link #counterparties()} and {@link #currencies()}, both in code order, and amounts are minor
 * units. This is the netting's input; it holds no boxed numbers. Immutable (the arrays never
 * leave this class); leg {@code 2t} is trade {@code t}'s seller leg, {@code 2t+1} its buyer leg.
 */
public final class PaymentLegs {

    private final List<CounterpartyId> counterparties;
    private final List<CurrencyCode> currencies;
    final int[] payer;
    final int[] payee;
    final int[] currency;
    final long[] amountMinor;

    private PaymentLegs(List<CounterpartyId> counterparties, List<CurrencyCode> currencies, int legs) {
        this.counterparties = counterparties;
        this.currencies = currencies;
        this.payer = new int[legs];
        this.payee = new int[legs];
        this.currency = new int[legs];
        this.amountMinor = new long[legs];
    }

    /**
     * The legs of {@code trades} among {@code counterparties}. Refuses a trade with a counterparty
     * not in the list ({@code UNKNOWN_COUNTERPARTY}), and more counterparties, currencies or trades
     * than a {@link TradeBook} may hold.
     */
    public static PaymentLegs of(Collection<CounterpartyId> counterparties, Collection<Trade> trades) {
        List<CounterpartyId> parties = List.copyOf(new TreeSet<>(counterparties));
        List<CurrencyCode> currencies = currenciesOf(trades);
        if (parties.size() > TradeBook.MAX_COUNTERPARTIES || currencies.size() > TradeBook.MAX_CURRENCIES
                || trades.size() > TradeBook.MAX_TRADES) {
            throw new IllegalArgumentException("over the limits of one cycle: " + parties.size() + " counterparties, "
                    + currencies.size() + " currencies, " + trades.size() + " trades");
        }
        Map<CounterpartyId, Integer> partyIndex = indexOf(parties);
        Map<CurrencyCode, Integer> currencyIndex = indexOf(currencies);
        PaymentLegs legs = new PaymentLegs(parties, currencies, 2 * trades.size());
        int leg = 0;
        for (Trade trade : trades) {
            int buyer = index(partyIndex, trade, trade.buyer());
            int seller = index(partyIndex, trade, trade.seller());
            legs.set(leg++, seller, buyer, currencyIndex.get(trade.bought().currency()), trade.bought().amountMinor());
            legs.set(leg++, buyer, seller, currencyIndex.get(trade.paid().currency()), trade.paid().amountMinor());
        }
        return legs;
    }

    private void set(int leg, int from, int to, int currencyIndex, long amount) {
        payer[leg] = from;
        payee[leg] = to;
        currency[leg] = currencyIndex;
        amountMinor[leg] = amount;
    }

    private static List<CurrencyCode> currenciesOf(Collection<Trade> trades) {
        TreeSet<CurrencyCode> currencies = new TreeSet<>();
        for (Trade trade : trades) {
            currencies.add(trade.bought().currency());
            currencies.add(trade.paid().currency());
        }
        return List.copyOf(currencies);
    }

    private static <T> Map<T, Integer> indexOf(List<T> list) {
        Map<T, Integer> index = new HashMap<>(2 * list.size());
        for (int i = 0; i < list.size(); i++) {
            index.put(list.get(i), i);
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

    public List<CounterpartyId> counterparties() {
        return counterparties;
    }

    public List<CurrencyCode> currencies() {
        return currencies;
    }

    /** The number of legs: twice the number of trades. */
    public int size() {
        return amountMinor.length;
    }

    public int payer(int leg) {
        return payer[leg];
    }

    public int payee(int leg) {
        return payee[leg];
    }

    public int currency(int leg) {
        return currency[leg];
    }

    public long amountMinor(int leg) {
        return amountMinor[leg];
    }
}
