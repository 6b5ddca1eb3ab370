package org.ems.settlement.gross.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.junit.jupiter.api.Test;

/** An instruction's own rules: two modules, something moving, nothing both ways; its initiator always sends. */
class SettlementInstructionTest {

    private static final ModuleId A = new ModuleId(1001);
    private static final ModuleId B = new ModuleId(1002);
    private static final ConversationId SESSION = new ConversationId(7, 8);
    private static final Instant AT = Instant.parse("2026-12-01T09:00:00.123456789Z");
    private static final SettlementAmounts USD = SettlementAmounts.ofCurrency(Money.of(CurrencyCode.of("USD"), 100));
    private static final SettlementAmounts JPY = SettlementAmounts.ofCurrency(Money.of(CurrencyCode.of("JPY"), 100));

    @Test
    void theInitiatorIsAUnlessASendsNothing() {
        SettlementInstruction twoWay = instruction(USD, JPY);
        assertThat(twoWay.initiator()).isEqualTo(Side.A);
        assertThat(instruction(USD, SettlementAmounts.none()).initiator()).isEqualTo(Side.A);
        assertThat(instruction(SettlementAmounts.none(), JPY).initiator()).isEqualTo(Side.B);
        assertThat(twoWay.sideOf(B)).contains(Side.B);
        assertThat(twoWay.sideOf(new ModuleId(1003))).isEmpty();
        assertThat(twoWay.settleAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00.123Z"));
        assertThat(twoWay).isEqualTo(instruction(USD, JPY));
    }

    @Test
    void badTermsAreRefused() {
        assertThatThrownBy(() -> new SettlementInstruction(new InstructionId("i"), SettlementBasis.GROSS, A, A, SESSION, USD, JPY, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same module");
        assertThatThrownBy(() -> instruction(SettlementAmounts.none(), SettlementAmounts.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing moves");
        assertThatThrownBy(() -> instruction(USD, SettlementAmounts.ofCurrency(Money.of(CurrencyCode.of("USD"), 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both sides send CURRENCY USD");
        // credit and currency notes of one unit are different amounts: they may go opposite ways
        SettlementAmounts credit = new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT,
                Money.of(CurrencyCode.of("USD"), 5))));
        assertThat(instruction(USD, credit).bSends()).isEqualTo(credit);
        assertThatThrownBy(() -> new SettlementInstruction(new InstructionId("i"), SettlementBasis.GROSS, A, B, SESSION, USD, JPY, null))
                .isInstanceOf(NullPointerException.class);
    }

    private static SettlementInstruction instruction(SettlementAmounts aSends, SettlementAmounts bSends) {
        return new SettlementInstruction(new InstructionId("i-1"), SettlementBasis.GROSS, A, B, SESSION, aSends, bSends, AT);
    }
}
