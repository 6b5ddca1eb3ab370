package org.ems.settlement.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;

/**
 * The canonical one-line text form of a trade (docs/settlement.md): nine fields separated by
 * single spaces, printable ASCII, no line terminator, at most {@link #MAX_LENGTH} characters:
 * {@code EMS-TRADE/1 <id> <value date> <buyer> <seller> <bought minor> <bought currency>
 * <paid minor> <paid currency>}. Amounts are integer minor units. A line is accepted only if
 * re-encoding the decoded trade gives the very same text.
 */
final class TradeLine {

    static final String TAG = "EMS-TRADE/1";
    static final int MAX_LENGTH = 160;
    private static final int FIELDS = 9;
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** Canonical integers only: no sign on zero, no '+', no leading zeros; at most 18 digits, so it fits a long. */
    private static final Pattern AMOUNT = Pattern.compile("0|-?[1-9][0-9]{0,17}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private TradeLine() {
    }

    static String encode(Trade trade) {
        return String.join(" ", TAG, trade.id().value(), trade.valueDate().toString(), trade.buyer().code(),
                trade.seller().code(), Long.toString(trade.bought().amountMinor()), trade.bought().currency().code(),
                Long.toString(trade.paid().amountMinor()), trade.paid().currency().code());
    }

    static Trade decode(String line) {
        if (line == null || line.isEmpty() || line.length() > MAX_LENGTH || !isPrintableAscii(line)) {
            throw malformed("a trade line is 1-" + MAX_LENGTH + " printable ASCII characters");
        }
        String[] f = line.split(" ", -1);
        if (f.length != FIELDS || !f[0].equals(TAG)) {
            throw malformed("expected '" + TAG + "' and 8 fields separated by single spaces");
        }
        TradeId id = parse(f[1], "trade id", TradeId::new);
        LocalDate valueDate = date(f[2]);
        CounterpartyId buyer = parse(f[3], "buyer", CounterpartyId::new);
        CounterpartyId seller = parse(f[4], "seller", CounterpartyId::new);
        Money bought = Money.of(currency(f[6], "bought"), amount(f[5], "bought"));
        Money paid = Money.of(currency(f[8], "paid"), amount(f[7], "paid"));
        Trade trade = new Trade(id, buyer, seller, bought, paid, valueDate);
        // pair assertion: the field checks above should make every accepted line canonical
        if (!encode(trade).equals(line)) {
            throw malformed("not the canonical form of trade " + id);
        }
        return trade;
    }

    private static <T> T parse(String field, String name, Function<String, T> constructor) {
        try {
            return constructor.apply(field);
        } catch (IllegalArgumentException e) {
            throw new TradeRefusedException(TradeRefusal.MALFORMED, name + ": " + e.getMessage(), e);
        }
    }

    private static LocalDate date(String field) {
        if (!DATE.matcher(field).matches()) {
            throw malformed("value date must be yyyy-mm-dd");
        }
        try {
            return LocalDate.parse(field); // ISO_LOCAL_DATE is strict: 2026-02-30 is refused
        } catch (DateTimeParseException e) {
            throw new TradeRefusedException(TradeRefusal.MALFORMED, "value date " + field + " does not exist", e);
        }
    }

    private static long amount(String field, String leg) {
        if (!AMOUNT.matcher(field).matches()) {
            throw malformed(leg + " amount must be a canonical integer of minor units");
        }
        return Long.parseLong(field); // 18 digits always fit
    }

    private static CurrencyCode currency(String field, String leg) {
        if (!CURRENCY.matcher(field).matches()) {
            throw malformed(leg + " currency must be three upper-case letters");
        }
        try {
            return CurrencyCode.of(field);
        } catch (IllegalArgumentException e) {
            throw new TradeRefusedException(TradeRefusal.UNKNOWN_CURRENCY, leg + " currency " + field, e);
        }
    }

    private static TradeRefusedException malformed(String detail) {
        return new TradeRefusedException(TradeRefusal.MALFORMED, detail);
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
