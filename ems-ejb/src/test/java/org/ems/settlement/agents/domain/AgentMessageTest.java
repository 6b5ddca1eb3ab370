package org.ems.settlement.agents.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EMS-AGENT/1 line: one canonical form per message, every other text refused as MALFORMED; the rules of each kind. */
class AgentMessageTest {

    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    private static final AgentId MSC = new AgentId("MSC");
    private static final AgentId MSA1 = new AgentId("MSA1");
    private static final AgentId A = new AgentId("A");
    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    static final String DEBIT = "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 JPY:1000,USD:1400 2026-12-01T12:00:00Z";

    @Test
    void aLineDecodesToItsMessageAndEncodesBackToTheSameText() {
        AgentMessage m = AgentMessage.decode(DEBIT);
        assertThat(m).isEqualTo(new AgentMessage(AgentMessageKind.DEBIT_DATA, "CLS-1", AgentRole.MSC, MSC, AgentRole.MSA, MSA1,
                Optional.of(TransferRef.of(TransferRef.Kind.DEBIT, A)), 0,
                AgentAmounts.of(Money.of(USD, 1400), Money.of(JPY, 1000)), Optional.of(AT)));
        assertThat(m.encode()).isEqualTo(DEBIT);
        assertThat(m.toRole()).isEqualTo(AgentRole.MSA);
        assertThat(m.to()).isEqualTo(MSA1);
        for (String line : List.of(
                "EMS-AGENT/1 READY_TO_RECEIVE CLS-1 MSA:MSA1 CSA:A IN.A/1 3 USD:1400 -",
                "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 - -",
                "EMS-AGENT/1 RETRY CLS-1 CSA:A MSA:MSA1 IN.A/1 2 USD:1400 -",
                "EMS-AGENT/1 RETURN CLS-1 MSA:MSA1 CSA:A REFUND.A 0 USD:1 -",
                "EMS-AGENT/1 PAYOUT CLS-1 MSC:MSC MSA:MSA1 OUT.MSA1 0 USD:999999999999999999 -")) {
            assertThat(AgentMessage.decode(line).encode()).isEqualTo(line);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        " EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 - -",
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 - - ",
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 -",
        "EMS-AGENT/2 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 - -",
        "EMS-AGENT/1 success CLS-1 MSC:MSC MSA:MSA1 - 0 - -",
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:msa1 - 0 - -",
        "EMS-AGENT/1 SUCCESS CLS-1 MSC MSA:MSA1 - 0 - -",
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1:X - 0 - -",
        "EMS-AGENT/1 SUCCESS CLS/1 MSC:MSC MSA:MSA1 - 0 - -",
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 1 - -",              // attempt on SUCCESS
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 USD:5 -",          // amounts on SUCCESS
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 IN.A 0 - -",           // a transfer on SUCCESS
        "EMS-AGENT/1 SUCCESS CLS-1 CSA:A MSA:MSA1 - 0 - -",                // a CSA does not decide
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 - 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:1400 -",                       // no time
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:1400 2026-12-01T12:00:00.000Z",  // not canonical
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:1400 2026-12-01 12:00",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 - 2026-12-01T12:00:00Z",            // no amounts
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:0 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:-5 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:+5 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:05 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:1,USD:2 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:1,JPY:2 2026-12-01T12:00:00Z",  // out of order
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:1, 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 usd:1 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 XXX:1 2026-12-01T12:00:00Z",        // no minor units
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC MSA:MSA1 DEBIT.A 0 USD:1234567890123456789 2026-12-01T12:00:00Z",
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC CSA:A DEBIT.A/1 0 USD:1 2026-12-01T12:00:00Z",         // data has no parts
        "EMS-AGENT/1 DEBIT_DATA CLS-1 MSC:MSC CSA:A DEBIT.A 0 USD:1 2026-12-01T12:00:00Z",           // MSC does not write to a CSA
        "EMS-AGENT/1 FUNDS_ACQUIRED CLS-1 CSA:A MSA:MSA1 FWD.A 0 USD:1 -",                           // wrong transfer kind
        "EMS-AGENT/1 FUNDS_ACQUIRED CLS-1 CSA:A MSA:MSA1 IN.A/1 0 USD:1 -",                          // a part outside READY
        "EMS-AGENT/1 READY_TO_RECEIVE CLS-1 MSA:MSA1 CSA:A IN.A 1 USD:1 -",                          // READY names a part
        "EMS-AGENT/1 READY_TO_RECEIVE CLS-1 MSA:MSA1 CSA:A IN.A/1 0 USD:1 -",                        // attempts count from 1
        "EMS-AGENT/1 READY_TO_RECEIVE CLS-1 MSA:MSA1 CSA:A IN.A/1 01 USD:1 -",
        "EMS-AGENT/1 READY_TO_RECEIVE CLS-1 MSA:MSA1 CSA:A IN.A/5 1 USD:1 -",
        "EMS-AGENT/1 READY_TO_RECEIVE CLS-1 MSA:MSA1 CSA:A IN.A/1 100 USD:1 -",
        "EMS-AGENT/1 READY_TO_RECEIVE CLS-1 MSA:MSA1 CSA:A XX.A/1 1 USD:1 -",
        "EMS-AGENT/1 READY_TO_RECEIVE CLS-1 MSA:MSA1 MSA:MSA1 IN.A/1 1 USD:1 -",
        "EMS-AGENT/1 RETRY CLS-1 CSA:A MSA:MSA1 IN.A 2 USD:1400 -",                                 // RETRY names a part
        "EMS-AGENT/1 RETRY CLS-1 CSA:A MSC:MSC IN.A/1 2 USD:1400 -",                                // a CSA writes to its MSA only
        "EMS-AGENT/1 HELLO CLS-1 MSC:MSC MSA:MSA1 - 0 - -",
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 - -\n",
        "EMS-AGENT/1 SUCCESS CLS-1 MSC:MSC MSA:MSA1 - 0 - -\u00e9"})
    void anythingButTheCanonicalLineOfAValidMessageIsMalformed(String line) {
        assertThatThrownBy(() -> AgentMessage.decode(line))
                .isInstanceOfSatisfying(AgentRefusedException.class, e -> assertThat(e.reason()).isEqualTo(AgentRefusal.MALFORMED));
    }

    @Test
    void anOverlongLineIsMalformed() {
        assertThatThrownBy(() -> AgentMessage.decode("EMS-AGENT/1 " + "X".repeat(AgentMessage.MAX_LINE_CHARS)))
                .isInstanceOfSatisfying(AgentRefusedException.class, e -> assertThat(e.reason()).isEqualTo(AgentRefusal.MALFORMED));
    }

    @Test
    void sixtyFourCurrenciesFitALineAndRunAsFourParts() {
        List<Money> sixtyFive = java.util.Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() >= 0 && c.getCurrencyCode().matches("[A-Z]{3}"))
                .map(c -> {
                    try {
                        return Money.of(CurrencyCode.of(c.getCurrencyCode()), 999_999_999_999_999_999L);
                    } catch (IllegalArgumentException notIso) {
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull).limit(65).toList();
        assertThat(sixtyFive).hasSize(65);
        List<Money> amounts = sixtyFive.subList(0, 64);
        AgentMessage m = new AgentMessage(AgentMessageKind.PAYOUT, "C".repeat(32), AgentRole.MSC, MSC, AgentRole.MSA,
                new AgentId("M".repeat(11)), Optional.of(TransferRef.of(TransferRef.Kind.OUT, new AgentId("M".repeat(11)))), 0,
                new AgentAmounts(amounts), Optional.empty());
        assertThat(m.encode().length()).isLessThanOrEqualTo(AgentMessage.MAX_LINE_CHARS);
        assertThat(AgentMessage.decode(m.encode())).isEqualTo(m);
        List<SettlementAmounts> parts = m.amounts().parts();
        assertThat(parts).extracting(p -> p.lines().size()).containsExactly(16, 16, 16, 16);
        assertThatThrownBy(() -> new AgentAmounts(sixtyFive)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65");
    }

    @Test
    void amountsAddPerCurrencyAndSplitIntoPartsOfSixteenInCurrencyOrder() {
        AgentAmounts a = AgentAmounts.of(Money.of(USD, 100), Money.of(JPY, 5));
        AgentAmounts b = AgentAmounts.of(Money.of(USD, 1), Money.of(CurrencyCode.of("EUR"), 7));
        assertThat(a.plus(b).encode()).isEqualTo("EUR:7,JPY:5,USD:101");
        assertThat(AgentAmounts.none().encode()).isEqualTo("-");
        assertThat(AgentAmounts.none().parts()).isEmpty();
        assertThat(AgentAmounts.decode("EUR:7,JPY:5,USD:101")).isEqualTo(a.plus(b));
        assertThatThrownBy(() -> AgentAmounts.of(Money.of(USD, 1), Money.of(USD, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentAmounts.of(Money.of(USD, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transferReferencesParseOnlyTheirOwnForm() {
        assertThat(TransferRef.parse("OUT.MSA1/2")).contains(new TransferRef(TransferRef.Kind.OUT, MSA1, 2));
        assertThat(TransferRef.parse("OUT.MSA1/2").orElseThrow().whole()).isEqualTo(TransferRef.of(TransferRef.Kind.OUT, MSA1));
        assertThat(TransferRef.parse("REFUND.A").orElseThrow().encode()).isEqualTo("REFUND.A");
        for (String bad : List.of("", "OUT", "OUT.", ".A", "OUT.A/0", "OUT.A/5", "OUT.a", "DEBIT.A/1", "CREDIT.A/2", "FOO.A", "OUT.A.B",
                "OUT.AAAAAAAAAAAA")) {
            assertThat(TransferRef.parse(bad)).as(bad).isEmpty();
        }
        assertThatThrownBy(() -> new TransferRef(TransferRef.Kind.DEBIT, A, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agentIdsAreShortUpperCaseCodes() {
        assertThat(new AgentId("CP10").value()).isEqualTo("CP10");
        for (String bad : java.util.Arrays.asList(null, "", "msa", "A-1", "ABCDEFGHIJKL")) {
            assertThatThrownBy(() -> new AgentId(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(AgentRole.CSA.parentRole()).contains(AgentRole.MSA);
        assertThat(AgentRole.MSA.parentRole()).contains(AgentRole.MSC);
        assertThat(AgentRole.MSC.parentRole()).isEmpty();
    }
}
