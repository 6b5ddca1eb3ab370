package org.ems.money.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.StableCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteType;

/**
 * What one side of a Settle Foreign Exchange sends: amounts "by type of note and monetary unit"
 * (figure 27, steps 3046 and 3072), e.g. dollars, yen and pounds for lira and Swiss francs.
 * Invariants: every amount positive, at most one line per (type, currency), at most
 * {@link #MAX_LINES} lines, lines in a canonical order (type code, then currency code), so two
 * equal sets of amounts are equal objects and encode to the same bytes. Empty: the side sends
 * nothing (a one-way payment, step 3106). Immutable.
 */
public record SettlementAmounts(List<Line> lines) {

    /** Monetary units and note types one side may send in one exchange. */
    public static final int MAX_LINES = 16;

    private static final Comparator<Line> ORDER = Comparator.comparingInt((Line line) -> line.type().code())
            .thenComparing(line -> line.amount().currency().code());

    /** One amount: a type of note and a positive amount of one monetary unit. */
    public record Line(NoteType type, Money amount) {
        public Line {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(amount, "amount");
            if (!amount.isPositive()) {
                throw new IllegalArgumentException("an amount to settle is positive: " + amount);
            }
        }

        /** Whether {@code note} is of this line's type and currency. */
        boolean matches(Note note) {
            return note.body().type() == type && note.receivedAmount().currency().equals(amount.currency());
        }
    }

    public SettlementAmounts {
        List<Line> sorted = new ArrayList<>(lines);
        sorted.forEach(line -> Objects.requireNonNull(line, "line"));
        if (sorted.size() > MAX_LINES) {
            throw new IllegalArgumentException(sorted.size() + " amounts, at most " + MAX_LINES);
        }
        sorted.sort(ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new IllegalArgumentException("two amounts of " + sorted.get(i).type() + " " + sorted.get(i).amount().currency());
            }
        }
        lines = List.copyOf(sorted);
    }

    public static SettlementAmounts none() {
        return new SettlementAmounts(List.of());
    }

    /** Currency notes (not credit) of each amount's monetary unit. */
    public static SettlementAmounts ofCurrency(Money... amounts) {
        List<Line> lines = new ArrayList<>();
        for (Money amount : amounts) {
            lines.add(new Line(NoteType.CURRENCY, amount));
        }
        return new SettlementAmounts(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    void write(CanonicalWriter writer) {
        writer.putInt(lines.size());
        for (Line line : lines) {
            writer.putInt(line.type().code());
            Wire.putMoney(writer, line.amount());
        }
    }

    static SettlementAmounts read(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 0 || count > MAX_LINES) {
            throw new MalformedEncodingException(count + " settlement amounts");
        }
        List<Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            NoteType type = StableCode.ofCode(NoteType.class, reader.getInt(), "note type");
            Money amount = Wire.getMoney(reader);
            if (!amount.isPositive()) {
                throw new MalformedEncodingException("an amount to settle is positive: " + amount);
            }
            lines.add(new Line(type, amount));
        }
        SettlementAmounts amounts;
        try {
            amounts = new SettlementAmounts(lines);
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException(e.getMessage());
        }
        if (!amounts.lines.equals(lines)) {
            throw new MalformedEncodingException("settlement amounts out of canonical order");
        }
        return amounts;
    }

    @Override
    public String toString() {
        return lines.isEmpty() ? "nothing" : lines.stream().map(l -> l.amount() + (l.type() == NoteType.CURRENCY ? "" : " " + l.type()))
                .toList().toString();
    }
}
