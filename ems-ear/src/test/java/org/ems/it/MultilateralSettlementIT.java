package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.teller.ConservationCheck;
import org.ems.money.teller.ConservationReport;
import org.ems.settlement.agents.application.MscService;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleState;
import org.ems.settlement.application.CycleView;
import org.ems.settlement.application.SettlementCycles;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Figure 29 inside Liberty over the JMS queues EMS.SETTLEMENT.MSC/.MSA/.CSA: ten counterparties
 * trading in three currencies settle one multilateral cycle through the MSC, two MSAs and their
 * CSAs; the net debtors acquire their funds by withdrawal at their banks' tellers (step 3152), pay
 * their MSA, which pays the MSC (Settle Foreign Exchange between hosted modules over
 * EMS.NET.MODULE); at the settlement time (a persistent EJB timer) the MSC pays out through the
 * MSAs. In the second cycle one net debtor never pays: every payment is returned and every CSA is
 * told. Conservation of every currency is checked against the banks' ledgers at the end.
 */
@ExtendWith(ArquillianExtension.class)
class MultilateralSettlementIT {

    private static final List<CurrencyCode> CURRENCIES = List.of(CurrencyCode.of("USD"), CurrencyCode.of("JPY"), CurrencyCode.of("EUR"));
    /** Time the net debtors have to pay in before the settlement time: generous for a busy CI machine. */
    private static final Duration PAY_IN_WINDOW = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(MultilateralSettlementIT.class, AgentNetwork.class, SettlementBank.class,
                SettlementBank.Funding.class, Await.class);
    }

    @Test
    void tenCounterpartiesInThreeCurrenciesSettleThroughTheMscTwoMsasAndTheirCsas() {
        AgentNetwork net = new AgentNetwork(CURRENCIES, List.of(5, 5));
        CycleView closed = net.closedCycle("ML", CURRENCIES, 40, 29L);
        assertThat(closed.counterparties()).hasSize(10);
        assertThat(closed.positions().stream().map(p -> p.net().currency()).distinct()).hasSize(3);
        Map<AgentId, List<Money>> debits = net.debits(closed);
        net.fund(debits);

        CycleView settled = settle(net, closed.id(), CycleState.SETTLED);

        Await.until("every net creditor is paid", AgentNetwork.TIMEOUT, () -> closed.positions().stream()
                .allMatch(p -> net.balance(new AgentId(p.counterparty().code()), p.net().currency()).amountMinor() == Math.max(0, p.net().amountMinor())));
        for (CycleView.Position p : closed.positions()) {
            AgentId csa = new AgentId(p.counterparty().code());
            assertThat(net.balance(csa, p.net().currency())).as(csa + " after settling " + p)
                    .isEqualTo(Money.of(p.net().currency(), Math.max(0, p.net().amountMinor())));
        }
        assertThat(settled.paidIn() + settled.paidOut()).isEqualTo(closed.positionsToSettle());
        assertThat(settled.failed()).isZero();
        assertNothingLeftWithTheNettingAgent(net);
        Await.until("every CSA is told the decision", AgentNetwork.TIMEOUT,
                () -> net.csas.stream().allMatch(csa -> net.decision(csa, closed.id()).isPresent()));
        net.csas.forEach(csa -> assertThat(net.decision(csa, closed.id())).as(csa.value()).contains("SUCCESS"));
        assertConserved();
    }

    @Test
    void whenOneNetDebtorNeverPaysEveryPaymentIsReturnedAndEveryCsaIsTold() {
        AgentNetwork net = new AgentNetwork(CURRENCIES, List.of(5, 5));
        CycleView closed = net.closedCycle("MLF", CURRENCIES, 40, 31L);
        Map<AgentId, List<Money>> debits = net.debits(closed);
        AgentId defaulter = debits.keySet().iterator().next();
        Map<AgentId, List<Money>> paying = new java.util.LinkedHashMap<>(debits);
        paying.remove(defaulter);
        net.fund(paying);

        CycleView failed = settle(net, closed.id(), CycleState.FAILED);

        // the decision comes first, the returns follow through the MSAs
        Await.until("every paying CSA gets back what it paid", AgentNetwork.TIMEOUT, () -> paying.entrySet().stream()
                .allMatch(e -> e.getValue().stream().allMatch(a -> net.balance(e.getKey(), a.currency()).equals(a))));
        for (CurrencyCode currency : CURRENCIES) {
            assertThat(net.balance(defaulter, currency).amountMinor()).isZero();
        }
        assertThat(failed.paidOut()).isZero();
        assertThat(failed.failed()).isPositive();
        assertNothingLeftWithTheNettingAgent(net);
        Await.until("every CSA is told the decision", AgentNetwork.TIMEOUT,
                () -> net.csas.stream().allMatch(csa -> net.decision(csa, closed.id()).isPresent()));
        net.csas.forEach(csa -> assertThat(net.decision(csa, closed.id())).as(csa.value()).contains("FAILURE"));
        assertConserved();
    }

    /** Starts the MSC on the cycle with the pay-in window and waits for its final state. */
    private static CycleView settle(AgentNetwork net, CycleId cycle, CycleState expected) {
        SettlementCycles cycles = Beans.get(SettlementCycles.class);
        Beans.get(MscService.class).start(cycle, Instant.now().plus(PAY_IN_WINDOW));
        try {
            Await.until("cycle " + cycle + " ends " + expected, PAY_IN_WINDOW.plus(AgentNetwork.TIMEOUT),
                    () -> cycles.find(cycle).orElseThrow().state() == expected);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + cycles.find(cycle).orElseThrow(), e);
        }
        return cycles.find(cycle).orElseThrow();
    }

    /** The MSC and the MSAs hold nothing once every payout or return has been made. */
    private static void assertNothingLeftWithTheNettingAgent(AgentNetwork net) {
        List<AgentId> nettingAgent = new java.util.ArrayList<>(net.msas);
        nettingAgent.add(net.msc);
        Await.until("the MSC and the MSAs pay out or return everything", AgentNetwork.TIMEOUT, () -> nettingAgent.stream()
                .allMatch(a -> CURRENCIES.stream().allMatch(c -> net.balance(a, c).amountMinor() == 0)));
    }

    private static void assertConserved() {
        ConservationCheck conservation = Beans.get(ConservationCheck.class);
        Await.until("every operation in the server comes to rest", AgentNetwork.TIMEOUT,
                () -> conservation.run().stream().allMatch(r -> r.operationsInFlight() == 0 && r.inTransit().isZero()));
        for (ConservationReport report : conservation.run()) {
            assertThat(report.holds()).as(report.toString()).isTrue();
            assertThat(report.bankClearing()).as(report.toString()).isEqualTo(report.outstanding());
        }
    }
}
