package org.ems.it;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.LedgerAmount;
import org.ems.csm.application.CsmHostService;
import org.ems.csm.application.CustomerServiceFacade;
import org.ems.money.application.NoteCustody;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.teller.DeskService;
import org.ems.money.teller.TellerService;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.application.SecurityServerService;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * Settlement members' banks for in-container tests: a bank per currency, each with an EMS desk
 * (teller and money generator), where settlement agents hold accounts, have them linked by a CSM
 * (figure 18) and acquire their funds by withdrawal (figure 29, step 3152) through the real
 * teller protocol over JMS. A bank per currency lets withdrawals in different currencies run at
 * different tellers at once (a teller serves one module at a time, a module does one payment at a
 * time). Bank codes are fresh per instance: the server's data outlives a run.
 */
final class SettlementBank {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final NetworkServerId NS = new NetworkServerId("ns-1");

    private final NetworkService network = Beans.get(NetworkService.class);
    private final BankHostService banks = Beans.get(BankHostService.class);
    private final TellerService tellers = Beans.get(TellerService.class);
    private final NoteCustody custody = Beans.get(NoteCustody.class);
    private final CustomerServiceFacade customerService = Beans.get(CustomerServiceFacade.class);
    private final ModuleId securityServer;
    private final long csm;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<CurrencyCode, Desk> desks = new LinkedHashMap<>();
    private final Map<String, ConversationId> sessions = new HashMap<>();

    private record Desk(BankId bank, ModuleId teller, AccountNumber capital) {
    }

    /** One withdrawal a member makes to fund its settlement. */
    record Funding(ModuleId module, Money amount) {
    }

    SettlementBank(List<CurrencyCode> currencies) {
        securityServer = new ModuleId(Beans.get(SecurityServerService.class).listSecurityServers().get(0).id());
        csm = Beans.get(CsmHostService.class).open(securityServer, NS, Duration.ofDays(365)).id();
        String prefix = "S" + run.substring(0, 4).toUpperCase().replaceAll("[^A-Z0-9]", "X");
        int i = 0;
        for (CurrencyCode currency : currencies) {
            BankId bank = new BankId(prefix + String.format("%02d", i++));
            AccountNumber clearing = new AccountNumber(bank, "1", "900");
            AccountNumber capital = new AccountNumber(bank, "1", "901");
            banks.openInternalAccount(clearing, "EMS clearing " + currency.code(), currency.code());
            banks.openInternalAccount(capital, "Capital " + currency.code(), currency.code());
            DeskService.DeskView desk = Beans.get(DeskService.class).open(bank, securityServer, NS, Map.of(currency, clearing));
            ModuleId teller = new ModuleId(desk.teller());
            network.signOn(teller, Optional.empty());
            desks.put(currency, new Desk(bank, teller, capital));
        }
        Await.until("the settlement banks' tellers sign on", TIMEOUT,
                () -> desks.values().stream().allMatch(d -> network.moduleView(d.teller()).signedOn()));
    }

    /** Hosted transaction modules (the money modules of agents), all signed on. */
    List<ModuleId> signedOnModules(int count) {
        List<ModuleId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ModuleId id = network.openModule(ModuleRole.TRANSACTION, securityServer, NS).subjectId();
            network.signOn(id, Optional.empty());
            ids.add(id);
        }
        Await.until(count + " modules sign on", TIMEOUT, () -> ids.stream().allMatch(id -> network.moduleView(id).signedOn()));
        return ids;
    }

    /**
     * Opens the member's account at each currency's bank, funded with what it will withdraw, and has
     * a CSM link it to the module (the member affirming the offered profile).
     */
    void openAccounts(ModuleId module, String member, List<Money> amounts) {
        for (Money amount : amounts) {
            Desk desk = desk(amount.currency());
            AccountNumber account = account(desk, module);
            String holder = holder(member);
            banks.openCustomerAccount(account, holder, amount.currency().code(), AccountKind.DEPOSIT, 0, "2468".toCharArray()); // the bank wipes the PIN it was given
            banks.fund(run + "-fund-" + account, desk.capital(), account, LedgerAmount.of(amount.amountMinor(), amount.currency().code()));
            CustomerServiceFacade.ProfileOffer offer = customerService.linkAccounts(csm, module.value(), desk.bank().code(), holder,
                    List.of(account.toString()));
            customerService.answerProfileOffer(module.value(), offer.signedProfile(), true, holder);
        }
    }

    /**
     * Runs every withdrawal to completion, as many at once as the tellers and modules allow (one
     * operation per teller and per module at a time), and waits until each module committed its notes.
     */
    void withdrawAll(List<Funding> fundings) {
        Deque<Funding> pending = new ArrayDeque<>(fundings);
        Map<String, Funding> running = new HashMap<>();
        long deadline = System.nanoTime() + TIMEOUT.multipliedBy(Math.max(1, fundings.size() / 4)).toNanos();
        while (!pending.isEmpty() || !running.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("withdrawals not done in time: running " + running.keySet() + ", pending " + pending.size());
            }
            running.entrySet().removeIf(e -> done(e.getValue().module(), e.getKey()));
            Set<ModuleId> busyModules = new HashSet<>();
            Set<ModuleId> busyTellers = new HashSet<>();
            running.values().forEach(f -> {
                busyModules.add(f.module());
                busyTellers.add(desk(f.amount().currency()).teller());
            });
            for (Iterator<Funding> it = pending.iterator(); it.hasNext(); ) {
                Funding f = it.next();
                Desk desk = desk(f.amount().currency());
                if (busyModules.contains(f.module()) || busyTellers.contains(desk.teller()) || custody.isBusy(f.module())) {
                    continue;
                }
                String key = run + "-w-" + f.module().value() + "-" + f.amount().currency().code();
                tellers.withdraw(f.module(), session(f.module(), desk.teller()), account(desk, f.module()), f.amount(), key);
                running.put(key, f);
                busyModules.add(f.module());
                busyTellers.add(desk.teller());
                it.remove();
            }
            pause();
        }
    }

    /** Establishes (once) and returns the session of a module with a teller. */
    ConversationId session(ModuleId module, ModuleId peer) {
        return sessions.computeIfAbsent(module.value() + "-" + peer.value(), k -> established(module, peer));
    }

    /** Establishes a session between two modules and waits until both sides report it. */
    ConversationId established(ModuleId module, ModuleId peer) {
        ConversationId session = network.establishSession(module, peer);
        Await.until("session " + session + " is established", TIMEOUT, () -> network.conversation(session).stream()
                .filter(p -> "SESSION_ESTABLISHED".equals(p.outcome())).count() == 2);
        return session;
    }

    List<BankId> banks() {
        List<BankId> codes = new ArrayList<>();
        desks.values().forEach(d -> codes.add(d.bank()));
        return codes;
    }

    private boolean done(ModuleId module, String key) {
        Optional<TellerService.OperationView> op = tellers.operation(module, key);
        if (op.isPresent() && op.get().bankRefusal() != null) {
            throw new AssertionError("withdrawal " + key + " refused by the bank: " + op.get());
        }
        return op.map(o -> o.phase().equals("COMPLETED")).orElse(false) && !custody.isBusy(module);
    }

    private Desk desk(CurrencyCode currency) {
        Desk desk = desks.get(currency);
        if (desk == null) {
            throw new IllegalArgumentException("no settlement bank for " + currency);
        }
        return desk;
    }

    private static AccountNumber account(Desk desk, ModuleId module) {
        return new AccountNumber(desk.bank(), "2", Long.toString(module.value()));
    }

    private static String holder(String member) {
        return "Settlement member " + member;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
