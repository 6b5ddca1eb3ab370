package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.ems.money.application.NoteCustody;
import org.ems.money.application.SettleFxService;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.application.AgentDirectory;
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
 * Benchmark (c) of issue 5, not a test of the build (its name does not end in IT; run it with
 * {@code -Dit.test=ClsCycleBenchmark}): one CLS-sized multilateral cycle, 70 counterparties
 * trading in 18 currencies, settled end to end inside Liberty over the agents' JMS queues through
 * the MSC and 7 MSAs of 10 CSAs each. It reports (in the server's messages.log, logger
 * {@code org.ems.it.ClsCycleBenchmark}) the wall time of the pay-in (MSC start until every net
 * debit is with the MSC) and of the pay-out (settlement time, when the MSC's timer fires, until SETTLED), and beside them a
 * floor measured in the same run: the MSC's money module does one Settle FX at a time, so the
 * cycle cannot take less than (payments into the MSC + payouts from it) x one Settle FX of as
 * many currencies between two idle modules of the same server.
 */
@ExtendWith(ArquillianExtension.class)
class ClsCycleBenchmark {

    private static final Logger LOG = Logger.getLogger(ClsCycleBenchmark.class.getName());
    private static final List<CurrencyCode> CURRENCIES = Stream.of("USD", "EUR", "JPY", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK",
            "DKK", "SGD", "HKD", "KRW", "ZAR", "MXN", "ILS", "HUF").map(CurrencyCode::of).toList();
    private static final int TRADES = 1_400; // 20 per counterparty: positions in most of the 18 currencies
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(ClsCycleBenchmark.class, AgentNetwork.class, SettlementBank.class, Await.class);
    }

    @Test
    void oneClsSizedCycleOverJms() {
        long t0 = System.nanoTime();
        AgentNetwork net = new AgentNetwork(CURRENCIES, Collections.nCopies(7, 10));
        long networkUp = System.nanoTime();
        CycleView closed = net.closedCycle("CLS", CURRENCIES, TRADES, 70L);
        Map<AgentId, List<Money>> debits = net.debits(closed);
        net.fund(debits);
        long funded = System.nanoTime();
        int debtors = debits.size();

        Duration floorOne = oneSettleFx(net, Math.min(CURRENCIES.size(), SettlementAmounts.MAX_LINES));
        SettlementCycles cycles = Beans.get(SettlementCycles.class);
        // the patent's MSC pays out at the settlement time, not before: leave the pay-in four times its floor, and a minute
        Duration payInWindow = Duration.ofMinutes(1).plus(floorOne.multipliedBy(4L * (debtors + net.msas.size())));
        Instant settlementTime = Instant.now().plus(payInWindow);
        long start = System.nanoTime();
        Beans.get(MscService.class).start(closed.id(), settlementTime);
        int debitPositions = (int) closed.positions().stream().filter(p -> p.net().amountMinor() < 0).count();
        Await.until("every net debit paid in, or the settlement time", payInWindow.plusSeconds(5),
                () -> cycles.find(closed.id()).orElseThrow().paidIn() == debitPositions || !Instant.now().isBefore(settlementTime));
        long paidIn = System.nanoTime();
        int paidInByThen = cycles.find(closed.id()).orElseThrow().paidIn();
        LOG.info(() -> "CLS-sized cycle: " + paidInByThen + " of " + debitPositions + " debit positions paid in after "
                + secs(paidIn - start) + " s; settlement time in " + Duration.between(Instant.now(), settlementTime)
                + "; one Settle FX between idle modules " + floorOne.toMillis() + " ms; network up " + secs(networkUp - t0)
                + " s, funding " + secs(funded - networkUp) + " s");
        Await.until("the settlement time", payInWindow, () -> !Instant.now().isBefore(settlementTime));
        long decide = System.nanoTime();
        Await.until("the cycle settles", TIMEOUT, () -> cycles.find(closed.id()).orElseThrow().state() != CycleState.SETTLING);
        long settled = System.nanoTime();
        CycleView end = cycles.find(closed.id()).orElseThrow();
        assertThat(end.state()).as(end.toString()).isEqualTo(CycleState.SETTLED);

        // what the MSC's module actually settled: a part whose notes exceed one packet takes several Settle FX
        List<AgentDirectory.WorkView> mscWork = Beans.get(AgentDirectory.class).work(net.msc, closed.id());
        LOG.info(() -> "CLS-sized cycle: the MSC settled " + mscWork.stream().mapToInt(AgentDirectory.WorkView::attempts).sum()
                + " Settle FX (" + mscWork.stream().filter(w -> w.ref().startsWith("OUT.")).mapToInt(AgentDirectory.WorkView::attempts).sum()
                + " of them payouts, in " + mscWork.stream().filter(w -> w.ref().startsWith("OUT.")).count() + " parts), "
                + mscWork.stream().mapToInt(AgentDirectory.WorkView::failures).sum() + " failed");
        long floorNanos = floorOne.toNanos() * (debtors + net.msas.size());
        LOG.info(String.format("CLS-sized cycle: %d counterparties, %d currencies, %d trades, %d positions (%d debits), %d net debtors; "
                        + "network up %.1f s, funding %.1f s; pay-in %.1f s, pay-out %.1f s, end to end %.1f s; "
                        + "one Settle FX of %d currencies between idle modules %.0f ms, floor (%d MSC Settle FX) %.1f s; saving %s",
                net.csas.size(), CURRENCIES.size(), TRADES, closed.positionsToSettle(), debitPositions, debtors,
                secs(networkUp - t0), secs(funded - networkUp), secs(paidIn - start), secs(settled - decide), secs(paidIn - start + settled - decide),
                Math.min(CURRENCIES.size(), SettlementAmounts.MAX_LINES), floorOne.toNanos() / 1e6, debtors + net.msas.size(),
                secs(floorNanos), closed.funding().stream().mapToLong(CycleView.Funding::savingBasisPoints).summaryStatistics()));
    }

    /**
     * The median of five one-way Settle FX of {@code currencies} currencies between two idle
     * modules of the network's bank (funded by withdrawal first), back and forth.
     */
    private static Duration oneSettleFx(AgentNetwork net, int currencies) {
        List<ModuleId> pair = net.bank.signedOnModules(2);
        List<Money> amounts = CURRENCIES.subList(0, currencies).stream().map(c -> Money.of(c, 1_000)).toList();
        net.bank.openAccounts(pair.get(0), "floor" + pair.get(0).value(), amounts);
        net.bank.withdrawAll(amounts.stream().map(a -> new SettlementBank.Funding(pair.get(0), a)).toList());
        ConversationId session = net.bank.established(pair.get(0), pair.get(1));
        SettleFxService settleFx = Beans.get(SettleFxService.class);
        NoteCustody custody = Beans.get(NoteCustody.class);
        SettlementAmounts all = SettlementAmounts.ofCurrency(amounts.toArray(Money[]::new));
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ModuleId from = pair.get(i % 2);
            ModuleId to = pair.get((i + 1) % 2);
            long t = System.nanoTime();
            settleFx.expect(to, session, from, SettlementAmounts.none(), all);
            settleFx.settle(from, session, all, SettlementAmounts.none());
            Await.until("a floor Settle FX", Duration.ofMinutes(2), () -> !custody.isBusy(from) && !custody.isBusy(to)
                    && Beans.get(org.ems.money.application.PaymentService.class).balance(to, amounts.get(0).currency()).equals(amounts.get(0)));
            samples.add(System.nanoTime() - t);
        }
        Collections.sort(samples);
        return Duration.ofNanos(samples.get(samples.size() / 2));
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
