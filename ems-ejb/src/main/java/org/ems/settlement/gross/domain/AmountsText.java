package org.ems.settlement.gross.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;

/**
 * {@link SettlementAmounts} as an instruction row stores them: {@code CURRENCY:USD:1200,CURRENCY:EUR:500}
 * in canonical order, {@code none} for nothing (the same text as the money modules' agreements).
 * Parsing is strict: only the text {@link #format} gives is read back.
 */
public final class AmountsText {

    public static final String NONE = "none";
    /** 16 lines of at most "CURRENCY:XXX:" + 19 digits + ",". */
    public static final int MAX_LENGTH = 16 * 34;

    private AmountsText() {
    }

    public static String format(SettlementAmounts amounts) {
        if (amounts.isEmpty()) {
            return NONE;
        }
        return amounts.lines().stream()
                .map(l -> l.type().name() + ":" + l.amount().currency().code() + ":" + l.amount().amountMinor())
                .collect(Collectors.joining(","));
    }

    public static SettlementAmounts parse(String text) {
        if (NONE.equals(text)) {
            return SettlementAmounts.none();
        }
        List<SettlementAmounts.Line> lines = new ArrayList<>();
        try {
            for (String line : text.split(",", -1)) {
                String[] parts = line.split(":", -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not type:currency:minor: " + line);
                }
                lines.add(new SettlementAmounts.Line(NoteType.valueOf(parts[0]), Money.of(CurrencyCode.of(parts[1]),
                        Long.parseLong(parts[2]))));
            }
            SettlementAmounts amounts = new SettlementAmounts(lines);
            if (!format(amounts).equals(text)) {
                throw new IllegalArgumentException("not canonical");
            }
            return amounts;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stored settlement amounts '" + text + "': " + e.getMessage(), e);
        }
    }
}
