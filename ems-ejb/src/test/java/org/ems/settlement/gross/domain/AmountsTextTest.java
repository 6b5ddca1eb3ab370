package org.ems.settlement.gross.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;
import org.junit.jupiter.api.Test;

/** Stored amounts read back exactly; any other text is refused. */
class AmountsTextTest {

    @Test
    void amountsRoundTripInCanonicalText() {
        SettlementAmounts amounts = new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT, Money.of(CurrencyCode.of("EUR"), 500)),
                new SettlementAmounts.Line(NoteType.CURRENCY, Money.of(CurrencyCode.of("USD"), 1200)),
                new SettlementAmounts.Line(NoteType.CURRENCY, Money.of(CurrencyCode.of("JPY"), 7))));
        String text = AmountsText.format(amounts);
        assertThat(text).isEqualTo("CURRENCY:JPY:7,CURRENCY:USD:1200,CREDIT:EUR:500");
        assertThat(AmountsText.parse(text)).isEqualTo(amounts);
        assertThat(AmountsText.format(SettlementAmounts.none())).isEqualTo("none");
        assertThat(AmountsText.parse("none")).isEqualTo(SettlementAmounts.none());
    }

    @Test
    void otherTextIsRefused() {
        for (String bad : List.of("", "NONE", "CURRENCY:USD:1200,", "CURRENCY:USD", "CURRENCY:USD:0", "CURRENCY:USD:-5",
                "CURRENCY:USD:012", "CURRENCY:USD:+12", "COIN:USD:1", "CURRENCY:ZZZ:1", "CURRENCY:USD:1200,CURRENCY:JPY:7",
                "CURRENCY:USD:1,CURRENCY:USD:2")) {
            assertThatThrownBy(() -> AmountsText.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
