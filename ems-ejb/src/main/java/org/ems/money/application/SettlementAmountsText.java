package org.ems.money.application;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ems.crypto.MalformedEncodingException;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;

/**
 * {@link SettlementAmounts} as stored text (an agreement's columns, a settlement party's expected
 * amounts): {@code CURRENCY:USD:1200,CREDIT:EUR:500} in canonical order, {@code none} for no amount.
 */
final class SettlementAmountsText {

    static final String NONE = "none";

    private SettlementAmountsText() {
    }

    static String format(SettlementAmounts amounts) {
        if (amounts.isEmpty()) {
            return NONE;
        }
        return amounts.lines().stream()
                .map(l -> l.type().name() + ":" + l.amount().currency().code() + ":" + l.amount().amountMinor())
                .collect(Collectors.joining(","));
    }

    static SettlementAmounts parse(String text) {
        if (NONE.equals(text)) {
            return SettlementAmounts.none();
        }
        try {
            List<SettlementAmounts.Line> lines = new ArrayList<>();
            for (String line : text.split(",", -1)) {
                String[] parts = line.split(":", -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not type:currency:minor: " + line);
                }
                lines.add(new SettlementAmounts.Line(NoteType.valueOf(parts[0]),
                        Money.of(CurrencyCode.of(parts[1]), Long.parseLong(parts[2]))));
            }
            SettlementAmounts amounts = new SettlementAmounts(lines);
            if (!format(amounts).equals(text)) {
                throw new IllegalArgumentException("not in canonical order");
            }
            return amounts;
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("stored settlement amounts '" + text + "': " + e.getMessage());
        }
    }
}
