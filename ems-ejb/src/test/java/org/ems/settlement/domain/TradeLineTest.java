package org.ems.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.settlement.domain.TradeFixtures.A;
import static org.ems.settlement.domain.TradeFixtures.C;
import static org.ems.settlement.domain.TradeFixtures.jpy;
import static org.ems.settlement.domain.TradeFixtures.trade;
import static org.ems.settlement.domain.TradeFixtures.usd;
import static org.ems.settlement.domain.TradeTest.assertRefused;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TradeLineTest {

    static final String PATENT_TRADE_1 = "EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD";

    @Test
    void encodesThePatentsFirstTrade() {
        // A buys 1000 JYN from C for 10 USD: amounts in minor units (USD 10.00 = 1000 cents)
        Trade trade = trade("1", A, C, jpy(1000), usd(1000));
        assertThat(trade.encode()).isEqualTo(PATENT_TRADE_1);
        assertThat(Trade.decode(PATENT_TRADE_1)).isEqualTo(trade);
    }

    @Property(tries = 200)
    void decodeInvertsEncode(@ForAll("trades") List<Trade> trades) {
        for (Trade trade : trades) {
            assertThat(Trade.decode(trade.encode())).isEqualTo(trade);
        }
    }

    @Provide
    Arbitrary<List<Trade>> trades() {
        return TradeFixtures.tradeLists(5, Trade.MAX_AMOUNT_MINOR);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // shape
        "MALFORMED | ''",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD x",
        "MALFORMED | EMS-TRADE/2 1 2026-12-01 A C 1000 JPY 1000 USD",
        "MALFORMED | ems-trade/1 1 2026-12-01 A C 1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1  1 2026-12-01 A C 1000 JPY 1000 USD",
        "MALFORMED | \" EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD\"",
        "MALFORMED | \"EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD \"",
        // fields
        "MALFORMED | EMS-TRADE/1 -1 2026-12-01 A C 1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-1 A C 1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 01.12.2026 A C 1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-02-30 A C 1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-13-01 A C 1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 a C 1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C_ 1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C 01000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C +1000 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C -0 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C 10.00 JPY 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1234567890123456789 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C 1000 jpy 1000 USD",
        "MALFORMED | EMS-TRADE/1 1 2026-12-01 A C 1000 JP 1000 USD",
        // currencies
        "UNKNOWN_CURRENCY | EMS-TRADE/1 1 2026-12-01 A C 1000 ZZZ 1000 USD",
        "UNKNOWN_CURRENCY | EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 XAU",
        // the trade itself
        "NON_POSITIVE_AMOUNT | EMS-TRADE/1 1 2026-12-01 A C 0 JPY 1000 USD",
        "NON_POSITIVE_AMOUNT | EMS-TRADE/1 1 2026-12-01 A C 1000 JPY -1000 USD",
        "AMOUNT_OVER_LIMIT | EMS-TRADE/1 1 2026-12-01 A C 1000000000000001 JPY 1000 USD",
        "SAME_COUNTERPARTY | EMS-TRADE/1 1 2026-12-01 C C 1000 JPY 1000 USD",
        "SAME_CURRENCY | EMS-TRADE/1 1 2026-12-01 A C 1000 USD 1000 USD",
        "VALUE_DATE_OUT_OF_RANGE | EMS-TRADE/1 1 1969-12-01 A C 1000 JPY 1000 USD",
    })
    void refusesWithATypedReason(TradeRefusal reason, String line) {
        assertRefused(() -> Trade.decode(line), reason, "");
    }

    @Test
    void refusesNullControlCharactersNonAsciiAndOverlongLines() {
        assertRefused(() -> Trade.decode(null), TradeRefusal.MALFORMED, "printable ASCII");
        assertRefused(() -> Trade.decode(PATENT_TRADE_1 + "\n"), TradeRefusal.MALFORMED, "printable ASCII");
        assertRefused(() -> Trade.decode(PATENT_TRADE_1.replace(' ', '\t')), TradeRefusal.MALFORMED, "printable ASCII");
        assertRefused(() -> Trade.decode(PATENT_TRADE_1.replace("A C", "Ä C")), TradeRefusal.MALFORMED, "printable ASCII");
        assertRefused(() -> Trade.decode(PATENT_TRADE_1 + " ".repeat(TradeLine.MAX_LENGTH)), TradeRefusal.MALFORMED, "1-160");
    }

    @Test
    void theLongestTradeFitsTheLine() {
        Trade longest = new Trade(new TradeId("X".repeat(32)), new CounterpartyId("B".repeat(11)), new CounterpartyId("C".repeat(11)),
                jpy(Trade.MAX_AMOUNT_MINOR), usd(Trade.MAX_AMOUNT_MINOR), java.time.LocalDate.of(9999, 12, 31));
        assertThat(longest.encode().length()).isLessThanOrEqualTo(TradeLine.MAX_LENGTH);
        assertThat(Trade.decode(longest.encode())).isEqualTo(longest);
    }
}
