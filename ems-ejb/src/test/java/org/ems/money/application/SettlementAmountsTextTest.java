package org.ems.money.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ems.crypto.MalformedEncodingException;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settlement amounts as stored text (an agreement's columns, a party's expected amounts): exact round trips, strict parsing. */
class SettlementAmountsTextTest {

    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");

    @Test
    void amountsRoundTripInCanonicalOrder() {
        SettlementAmounts amounts = new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT, Money.of(EUR, 500)),
                new SettlementAmounts.Line(NoteType.CURRENCY, Money.of(USD, 1200)),
                new SettlementAmounts.Line(NoteType.CURRENCY, Money.of(EUR, 7))));
        String text = SettlementAmountsText.format(amounts);
        assertThat(text).isEqualTo("CURRENCY:EUR:7,CURRENCY:USD:1200,CREDIT:EUR:500");
        assertThat(SettlementAmountsText.parse(text)).isEqualTo(amounts);
        assertThat(SettlementAmountsText.format(SettlementAmounts.none())).isEqualTo("none");
        assertThat(SettlementAmountsText.parse("none")).isEqualTo(SettlementAmounts.none());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NONE", "CURRENCY:USD", "CURRENCY:USD:12:3", "CASH:USD:100", "CURRENCY:usd:100", "CURRENCY:USD:ten",
            "CURRENCY:USD:0", "CURRENCY:USD:-5", "CURRENCY:USD:100,CURRENCY:USD:5", "CURRENCY:USD:100,CURRENCY:EUR:5",
            "CURRENCY:USD:100,", "CURRENCY:USD:0100", "CURRENCY:USD:+100"})
    void badStoredTextIsMalformed(String text) {
        assertThatThrownBy(() -> SettlementAmountsText.parse(text)).isInstanceOf(MalformedEncodingException.class);
    }
}
