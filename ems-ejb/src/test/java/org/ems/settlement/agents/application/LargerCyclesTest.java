package org.ems.settlement.agents.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.settlement.agents.application.AgentsFixture.MSC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleState;
import org.ems.settlement.application.CycleView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cycles beyond the patent's example: ten counterparties in three currencies under two MSAs, and a
 * payout of seventeen currencies, which runs as two Settle Foreign Exchange parts (a Settle FX
 * carries at most sixteen amounts).
 */
class LargerCyclesTest {

    private AgentsFixture x;

    @BeforeEach
    void start() {
        x = new AgentsFixture("lsettle");
    }

    @AfterEach
    void stop() {
        x.close();
    }

    @Test
    void tenCounterpartiesInThreeCurrenciesSettle() {
        List<String> first = List.of("CP1", "CP2", "CP3", "CP4", "CP5");
        List<String> second = List.of("CP6", "CP7", "CP8", "CP9", "CP10");
        Map<AgentId, ModuleId> modules = x.agents(List.of(first, second));
        List<String> parties = new ArrayList<>(first);
        parties.addAll(second);
        List<String> currencies = List.of("USD", "JPY", "EUR");
        Random random = new Random(20261201L);
        List<String> trades = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String buyer = parties.get(random.nextInt(parties.size()));
            String seller = parties.get(random.nextInt(parties.size()));
            int boughtIndex = random.nextInt(currencies.size());
            int paidIndex = (boughtIndex + 1 + random.nextInt(currencies.size() - 1)) % currencies.size();
            if (buyer.equals(seller)) {
                continue;
            }
            trades.add("EMS-TRADE/1 T" + i + " 2026-12-01 " + buyer + " " + seller + " " + (100 + random.nextInt(100_000)) + " "
                    + currencies.get(boughtIndex) + " " + (100 + random.nextInt(100_000)) + " " + currencies.get(paidIndex));
        }
        CycleView closed = x.closedCycle("TEN-1", parties, trades);
        assertThat(closed.positionsToSettle()).isGreaterThanOrEqualTo(20);
        fundDebtors(closed, modules);

        settle("TEN-1");

        assertSettledExactly(closed, modules);
    }

    @Test
    void aPayoutOfSeventeenCurrenciesRunsAsTwoParts() {
        Map<AgentId, ModuleId> modules = x.agents(List.of(List.of("A", "B")));
        List<String> others = List.of("EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "HKD", "SGD", "MXN", "ZAR",
                "PLN", "CZK");
        List<String> trades = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            trades.add("EMS-TRADE/1 T" + i + " 2026-12-01 A B " + (1000 + i) + " " + others.get(i) + " " + (500 + i) + " USD");
        }
        trades.add("EMS-TRADE/1 TX 2026-12-01 B A 700 USD 900 EUR"); // B is owed USD and owes A EUR as well
        CycleView closed = x.closedCycle("MANY-1", List.of("A", "B"), trades);
        fundDebtors(closed, modules);

        settle("MANY-1");

        assertSettledExactly(closed, modules);
        // the MSC paid MSA1 the 17 currencies of A's and B's credits in two parts, 16 then 1
        assertThat(x.workOf(MSC, "MANY-1")).filteredOn(w -> w.ref().startsWith("OUT."))
                .extracting(AgentDirectory.WorkView::ref).containsExactly("OUT.MSA1/1", "OUT.MSA1/2");
        assertThat(x.workOf(MSC, "MANY-1")).filteredOn(w -> w.ref().equals("OUT.MSA1/1"))
                .allSatisfy(w -> assertThat(w.amounts().split(",")).hasSize(16));
    }

    @Test
    void debitsInMoreNotesThanOnePacketCarriesSettleInSeveralPackets() {
        Map<AgentId, ModuleId> modules = x.agents(List.of(List.of("A", "B")));
        List<String> trades = List.of("EMS-TRADE/1 T1 2026-12-01 A B 90000 EUR 150000 USD",
                "EMS-TRADE/1 T2 2026-12-01 A B 70000 GBP 200000 JPY");
        CycleView closed = x.closedCycle("NOTES-1", List.of("A", "B"), trades);
        // A pays 150,000 USD and 200,000 JPY in 100 notes each, B 90,000 EUR and 70,000 GBP in 50 each: 200 and 100 notes
        for (CycleView.Position p : closed.positions()) {
            if (p.net().amountMinor() < 0) {
                ModuleId module = modules.get(new AgentId(p.counterparty().code()));
                int notes = p.counterparty().code().equals("A") ? 100 : 50;
                x.fund(module, p.net().currency(), pieces(-p.net().amountMinor(), notes));
            }
        }

        settle("NOTES-1");

        assertSettledExactly(closed, modules);
        // A's 200 notes went to MSA1 in four Settle FX (64 notes each, then 8), each counted on both sides
        AgentDirectory.WorkView paid = x.workOf(new AgentId("A"), "NOTES-1").stream().filter(w -> w.ref().equals("IN.A/1")).findFirst()
                .orElseThrow();
        assertThat(paid.state()).isEqualTo("DONE");
        assertThat(paid.attempts()).isEqualTo(4);
        assertThat(paid.failures()).isZero();
        assertThat(paid.settled()).isEqualTo(paid.amounts());
        assertThat(x.workOf(new AgentId("MSA1"), "NOTES-1")).filteredOn(w -> w.ref().equals("IN.A/1"))
                .singleElement().satisfies(w -> {
                    assertThat(w.attempts()).isEqualTo(4);
                    assertThat(w.settled()).isEqualTo(paid.amounts());
                });
        // the MSC holds the 300 pieces of both debtors and pays them out in packets too
        assertThat(x.workOf(MSC, "NOTES-1")).filteredOn(w -> w.ref().startsWith("OUT."))
                .singleElement().satisfies(w -> assertThat(w.attempts()).isGreaterThan(1));
    }

    /** {@code total} in {@code count} notes as equal as minor units allow. */
    private static long[] pieces(long total, int count) {
        long[] pieces = new long[count];
        for (int i = 0; i < count; i++) {
            pieces[i] = total / count + (i < total % count ? 1 : 0);
        }
        return pieces;
    }

    private void fundDebtors(CycleView closed, Map<AgentId, ModuleId> modules) {
        for (CycleView.Position p : closed.positions()) {
            if (p.net().amountMinor() < 0) {
                x.fund(modules.get(new AgentId(p.counterparty().code())), p.net().currency(), -p.net().amountMinor());
            }
        }
    }

    private void settle(String cycle) {
        x.tx(() -> x.msc.start(new CycleId(cycle), x.f.security.clock.instant().plus(Duration.ofHours(1))));
        x.pump();
        x.f.security.clock.advance(Duration.ofHours(1));
        x.txRun(() -> x.msc.settlementTimeReached(new CycleId(cycle)));
        x.pump();
        assertThat(x.refusals()).isEmpty();
    }

    /** Every CSA holds exactly its net credits (its debits are gone), the MSC and MSAs hold nothing, SETTLED, all told SUCCESS. */
    private void assertSettledExactly(CycleView closed, Map<AgentId, ModuleId> modules) {
        for (CycleView.Position p : closed.positions()) {
            Money expected = p.net().amountMinor() > 0 ? p.net() : Money.zero(p.net().currency());
            assertThat(x.balance(modules.get(new AgentId(p.counterparty().code())), p.net().currency()))
                    .as(p.counterparty() + " " + p.net().currency()).isEqualTo(expected);
        }
        for (Map.Entry<AgentId, ModuleId> agent : modules.entrySet()) {
            if (agent.getKey().value().startsWith("MS")) {
                for (CurrencyCode currency : x.funded.keySet()) {
                    assertThat(x.balance(agent.getValue(), currency)).as(agent.getKey() + " " + currency).isEqualTo(Money.zero(currency));
                }
            } else {
                assertThat(x.decision(agent.getKey(), closed.id().value())).contains("SUCCESS");
            }
        }
        CycleView settled = x.cycle(closed.id().value());
        assertThat(settled.state()).isEqualTo(CycleState.SETTLED);
        assertThat(settled.paidIn() + settled.paidOut()).isEqualTo(closed.positionsToSettle());
        assertThat(settled.failed()).isZero();
        x.funded.forEach((currency, total) -> assertThat(x.heldByAll(currency)).as("held " + currency).isEqualTo(total));
    }
}
