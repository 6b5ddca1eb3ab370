package org.ems.settlement.agents.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;

/**
 * What one transfer of a settlement moves: at most one positive amount per currency, at most
 * {@link #MAX_CURRENCIES} (a cycle's limit), in currency-code order, so equal sets of amounts are
 * equal objects and have one text form ({@code JPY:1000,USD:1400}, minor units; {@code -} for none).
 * A Settle Foreign Exchange carries at most {@link SettlementAmounts#MAX_LINES} amounts, so a
 * transfer of more currencies runs as several parts ({@link #parts()}), each of consecutive
 * currencies in that order. Immutable.
 */
public record AgentAmounts(List<Money> amounts) {

    /** A settlement cycle has at most 64 currencies. */
    public static final int MAX_CURRENCIES = 64;
    /** Longest amount: 10^15 minor units of the netting limit times a few trades stays below 19 digits. */
    private static final int MAX_DIGITS = 18;

    public AgentAmounts {
        List<Money> sorted = new ArrayList<>(amounts);
        sorted.sort(Comparator.comparing(m -> m.currency().code()));
        if (sorted.size() > MAX_CURRENCIES) {
            throw new IllegalArgumentException(sorted.size() + " currencies, at most " + MAX_CURRENCIES);
        }
        for (int i = 0; i < sorted.size(); i++) {
            if (!sorted.get(i).isPositive()) {
                throw new IllegalArgumentException("an amount to settle is positive: " + sorted.get(i));
            }
            if (i > 0 && sorted.get(i - 1).currency().equals(sorted.get(i).currency())) {
                throw new IllegalArgumentException("two amounts of " + sorted.get(i).currency());
            }
        }
        amounts = List.copyOf(sorted);
    }

    public static AgentAmounts none() {
        return new AgentAmounts(List.of());
    }

    public static AgentAmounts of(Money... amounts) {
        return new AgentAmounts(List.of(amounts));
    }

    public boolean isEmpty() {
        return amounts.isEmpty();
    }

    /** The sum, currency by currency. */
    public AgentAmounts plus(AgentAmounts other) {
        Map<CurrencyCode, Money> sum = new TreeMap<>(Comparator.comparing(CurrencyCode::code));
        for (Money m : amounts) {
            sum.merge(m.currency(), m, Money::plus);
        }
        for (Money m : other.amounts) {
            sum.merge(m.currency(), m, Money::plus);
        }
        return new AgentAmounts(List.copyOf(sum.values()));
    }

    /** What is left of these amounts after {@code part}, currency by currency (a currency left at zero is dropped); refuses more than these. */
    public AgentAmounts minus(AgentAmounts part) {
        Map<CurrencyCode, Money> left = new TreeMap<>(Comparator.comparing(CurrencyCode::code));
        for (Money m : amounts) {
            left.put(m.currency(), m);
        }
        for (Money m : part.amounts) {
            Money from = left.get(m.currency());
            if (from == null || m.isGreaterThan(from)) {
                throw new IllegalArgumentException(part + " is more than " + this);
            }
            left.put(m.currency(), from.minus(m));
        }
        return new AgentAmounts(left.values().stream().filter(Money::isPositive).toList());
    }

    /** The currency-note amounts of a Settle FX side (refuses credit notes: agents settle currency notes only). */
    public static AgentAmounts of(SettlementAmounts settlement) {
        List<Money> amounts = new ArrayList<>();
        for (SettlementAmounts.Line line : settlement.lines()) {
            if (line.type() != NoteType.CURRENCY) {
                throw new IllegalArgumentException("agents settle currency notes, not " + line.type() + " " + line.amount());
            }
            amounts.add(line.amount());
        }
        return new AgentAmounts(amounts);
    }

    /** The Settle Foreign Exchange parts of this transfer (currency notes), in order; none for no amounts. */
    public List<SettlementAmounts> parts() {
        List<SettlementAmounts> parts = new ArrayList<>();
        for (int from = 0; from < amounts.size(); from += SettlementAmounts.MAX_LINES) {
            List<Money> chunk = amounts.subList(from, Math.min(amounts.size(), from + SettlementAmounts.MAX_LINES));
            parts.add(SettlementAmounts.ofCurrency(chunk.toArray(Money[]::new)));
        }
        return parts;
    }

    /** {@code JPY:1000,USD:1400} in minor units, or {@code -}. */
    public String encode() {
        if (amounts.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        for (Money m : amounts) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(m.currency().code()).append(':').append(m.amountMinor());
        }
        return text.toString();
    }

    /** Strict inverse of {@link #encode()}. */
    public static AgentAmounts decode(String text) {
        if (text.equals("-")) {
            return none();
        }
        List<Money> amounts = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            int colon = item.indexOf(':');
            if (colon != 3 || item.length() < 5 || item.length() > 4 + MAX_DIGITS) {
                throw new IllegalArgumentException("amount " + item + " is not CCY:minor");
            }
            String digits = item.substring(4);
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("amount " + item + " is not CCY:minor");
            }
            amounts.add(Money.of(CurrencyCode.of(item.substring(0, 3)), Long.parseLong(digits)));
        }
        AgentAmounts decoded = new AgentAmounts(amounts);
        if (!decoded.encode().equals(text)) {
            throw new IllegalArgumentException("amounts " + text + " are not canonical (" + decoded.encode() + ")");
        }
        return decoded;
    }

    @Override
    public String toString() {
        return encode();
    }
}
