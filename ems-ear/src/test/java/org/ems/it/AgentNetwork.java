package org.ems.it;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ems.money.application.PaymentService;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.agents.application.AgentDirectory;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRole;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleView;
import org.ems.settlement.application.SettlementCycles;
import org.ems.settlement.domain.CounterpartyId;
import org.ems.settlement.domain.Trade;
import org.ems.settlement.domain.TradeRefusal;
import org.ems.settlement.domain.TradeRefusedException;

/**
 * A multilateral settlement network inside the server for in-container tests and the CLS-sized
 * benchmark (figure 26): the MSC (the server has one; a run reuses it), MSAs and CSAs of this run,
 * each a hosted transaction module, every child's session to its parent established; settlement
 * cycles of generated trades among the CSAs' counterparties; funding of the net debtors by
 * withdrawal at the {@link SettlementBank}s.
 */
final class AgentNetwork {

    static final Duration TIMEOUT = SettlementBank.TIMEOUT;

    final SettlementBank bank;
    final AgentId msc;
    final List<AgentId> msas = new ArrayList<>();
    final List<AgentId> csas = new ArrayList<>();
    final Map<AgentId, ModuleId> modules = new LinkedHashMap<>();
    private final AgentDirectory directory = Beans.get(AgentDirectory.class);
    private final SettlementCycles cycles = Beans.get(SettlementCycles.class);
    private final PaymentService payments = Beans.get(PaymentService.class);
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 5).toUpperCase();

    /** MSAs with {@code csasPerMsa} CSAs each, funded through one bank per currency. */
    AgentNetwork(List<CurrencyCode> currencies, List<Integer> csasPerMsa) {
        bank = new SettlementBank(currencies);
        int total = csasPerMsa.stream().mapToInt(Integer::intValue).sum();
        List<ModuleId> fresh = new ArrayList<>(bank.signedOnModules(total + csasPerMsa.size() + 1));
        msc = directory.all().stream().filter(a -> a.role() == AgentRole.MSC).map(AgentDirectory.AgentView::id).findFirst()
                .orElseGet(() -> directory.register(new AgentId("MSC"), AgentRole.MSC, fresh.get(0), Optional.empty()).id());
        modules.put(msc, directory.find(msc).orElseThrow().module());
        fresh.remove(0);
        int n = 0;
        for (int m = 0; m < csasPerMsa.size(); m++) {
            AgentId msa = new AgentId("M" + run + m);
            register(msa, AgentRole.MSA, fresh.remove(0), msc);
            msas.add(msa);
            for (int c = 0; c < csasPerMsa.get(m); c++) {
                AgentId csa = new AgentId("C" + run + String.format("%03d", n++));
                register(csa, AgentRole.CSA, fresh.remove(0), msa);
                csas.add(csa);
            }
        }
        msas.forEach(directory::connect);
        csas.forEach(directory::connect);
        Await.until("every agent's session to its parent is established", TIMEOUT.multipliedBy(2),
                () -> msas.stream().allMatch(this::connected) && csas.stream().allMatch(this::connected));
    }

    private void register(AgentId id, AgentRole role, ModuleId module, AgentId parent) {
        directory.register(id, role, module, Optional.of(parent));
        modules.put(id, module);
    }

    private boolean connected(AgentId agent) {
        return directory.find(agent).orElseThrow().connected();
    }

    /**
     * Opens a cycle among the CSAs' counterparties, books {@code trades} random trades (seeded: the
     * same seed gives the same cycle) between two of them in two of the currencies, waits for the
     * cut-off and closes it: the multilateral net positions are fixed.
     */
    CycleView closedCycle(String name, List<CurrencyCode> currencies, int trades, long seed) {
        // time to book them; a server still busy (e.g. with its start-up) may take longer: then the same trades go to a new
        // cycle with four times the time (the cycle left behind stays open, unsettled)
        Duration toBook = Duration.ofSeconds(3).plusMillis(40L * trades);
        for (int attempt = 1; ; attempt++) {
            try {
                return closedCycle(new CycleId(name + "-" + run + (attempt == 1 ? "" : "-" + attempt)), toBook, currencies, trades, seed);
            } catch (TradeRefusedException e) {
                if (e.reason() != TradeRefusal.AFTER_CUT_OFF || attempt == 3) {
                    throw e;
                }
                toBook = toBook.multipliedBy(4);
            }
        }
    }

    private CycleView closedCycle(CycleId id, Duration toBook, List<CurrencyCode> currencies, int trades, long seed) {
        Instant cutOff = Instant.now().plus(toBook);
        LocalDate valueDate = LocalDate.of(2026, 12, 1);
        cycles.open(id, valueDate, cutOff, csas.stream().map(a -> new CounterpartyId(a.value())).toList());
        Random random = new Random(seed);
        for (int i = 0; i < trades; i++) {
            int buyer = random.nextInt(csas.size());
            int seller = (buyer + 1 + random.nextInt(csas.size() - 1)) % csas.size();
            int bought = random.nextInt(currencies.size());
            int paid = (bought + 1 + random.nextInt(currencies.size() - 1)) % currencies.size();
            String line = "EMS-TRADE/1 T" + i + " " + valueDate + " " + csas.get(buyer).value() + " " + csas.get(seller).value() + " "
                    + (100 + random.nextInt(50_000)) + " " + currencies.get(bought).code() + " "
                    + (100 + random.nextInt(50_000)) + " " + currencies.get(paid).code();
            cycles.submit(id, Trade.decode(line));
        }
        Await.until("the cut-off of " + id, TIMEOUT, () -> !Instant.now().isBefore(cutOff));
        return cycles.close(id);
    }

    /** What each CSA pays in (its net debits, as positive amounts), per CSA. */
    Map<AgentId, List<Money>> debits(CycleView cycle) {
        return cycle.positions().stream().filter(p -> p.net().amountMinor() < 0).collect(Collectors.groupingBy(
                p -> new AgentId(p.counterparty().code()), LinkedHashMap::new,
                Collectors.mapping(p -> Money.of(p.net().currency(), -p.net().amountMinor()), Collectors.toList())));
    }

    /** The CSAs' accounts opened and linked, then every debit withdrawn into their modules (step 3152). */
    void fund(Map<AgentId, List<Money>> debits) {
        List<SettlementBank.Funding> fundings = new ArrayList<>();
        debits.forEach((csa, amounts) -> {
            bank.openAccounts(modules.get(csa), csa.value(), amounts);
            amounts.forEach(a -> fundings.add(new SettlementBank.Funding(modules.get(csa), a)));
        });
        bank.withdrawAll(fundings);
    }

    Money balance(AgentId agent, CurrencyCode currency) {
        return payments.balance(modules.get(agent), currency);
    }

    Optional<String> decision(AgentId csa, CycleId cycle) {
        return directory.fact(csa, cycle, "DECISION");
    }
}
