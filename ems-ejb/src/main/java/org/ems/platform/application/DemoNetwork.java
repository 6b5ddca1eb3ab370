package org.ems.platform.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ems.csm.application.CsmHostService;
import java.util.Optional;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.teller.DeskService;
import org.ems.security.domain.ModuleId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.LedgerAmount;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.NetworkServerId;
import org.ems.provider.application.ProviderAdministration;
import org.ems.security.application.HierarchyInstallation;
import org.ems.security.application.PrimarySecurityServerService;
import org.ems.security.application.SecurityServerService;
import org.ems.security.domain.ModuleRole;
import org.ems.settlement.agents.application.AgentDirectory;
import org.ems.settlement.agents.application.AgentDirectory.AgentView;
import org.ems.settlement.agents.domain.AgentId;
import org.ems.settlement.agents.domain.AgentRole;

/**
 * Brings up a small demo network on an empty database when {@code ems.demo.network} is true (the
 * run command's default): the security hierarchy, one security server and a network server, and two
 * built-in banks (BANKA, BANKB) each with an EMS clearing account, a capital account and one customer
 * account (branch 1, numbers 900, 901, 100; demo PIN 1234, funded with 100,000 JPY), the same in USD
 * (910, 911, 110; 1,000.00 USD), and an EMS desk (teller signed on, money generator) issuing both;
 * and a customer service module that links modules to accounts (profiles valid 365 days). Each
 * step is its own transaction and is skipped when its result already exists, so restarts change
 * nothing. The e-money provider (JP H9-147043) holds an account at each demo bank (branch 1,
 * number 500, PIN 7000, empty); terminals and cards are registered over REST ({@code /api/provider}).
 * A multilateral settlement network (figure 26): the MSC (the one there is, or {@code MSC}), MSA
 * {@code MSA1} under it and CSAs {@code A}, {@code B}, {@code C} under that, each on a hosted
 * transaction module signed on through the demo network server; a timer connects each child's module
 * to its parent's once both are signed on (sign-on runs asynchronously).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoNetwork {

    private static final Logger LOG = Logger.getLogger(DemoNetwork.class.getName());

    @Inject @ConfigProperty(name = "ems.demo.network", defaultValue = "false") boolean enabled;
    @Inject HierarchyInstallation installation;
    @Inject PrimarySecurityServerService primaries;
    @Inject SecurityServerService securityServers;
    @Inject NetworkService network;
    @Inject @ConfigProperty(name = "ems.demo.networkServer", defaultValue = "ns-1") String networkServer;
    @Inject BankHostService banks;
    @Inject DeskService desks;
    @Inject CsmHostService csms;
    @Inject ProviderAdministration provider;
    @Inject AgentDirectory settlementAgents;
    @Resource TimerService timers;

    /** The demo settlement agents under the MSC: MSA1 and its CSAs (the patent's counterparties A, B, C). */
    static final AgentId DEMO_MSA = new AgentId("MSA1");
    static final List<AgentId> DEMO_CSAS = List.of(new AgentId("A"), new AgentId("B"), new AgentId("C"));
    /** How often and how many times the timer looks for agents to connect (5 minutes in all). */
    private static final Duration CONNECT_EVERY = Duration.ofSeconds(5);
    private static final int CONNECT_TICKS = 60;
    private int connectTicks;

    @PostConstruct
    void seed() {
        if (!enabled) {
            return;
        }
        installation.install();
        if (securityServers.listSecurityServers().isEmpty()) {
            primaries.createSecurityServer();
        }
        network.installNetworkServer(new NetworkServerId(networkServer));
        ModuleId ss = new ModuleId(securityServers.listSecurityServers().get(0).id());
        for (String code : new String[] {"BANKA", "BANKB"}) {
            try {
                demoBank(new BankId(code));
                demoDesk(new BankId(code), ss);
            } catch (RuntimeException e) {
                // The demo banks are a convenience: the network comes up without them.
                LOG.warning(() -> "demo bank " + code + " not opened: " + e);
            }
        }
        if (csms.csms().isEmpty()) {
            csms.open(ss, new NetworkServerId(networkServer), Duration.ofDays(365));
        }
        try {
            demoProvider(ss);
        } catch (RuntimeException e) {
            LOG.warning(() -> "demo e-money provider not set up: " + e);
        }
        try {
            demoSettlementAgents(ss);
        } catch (RuntimeException e) {
            LOG.warning(() -> "demo settlement agents not set up: " + e);
        }
        LOG.info("demo network ready");
    }

    /** A demo bank: clearing and capital (internal) and one funded customer account with a demo PIN. */
    private void demoBank(BankId bank) {
        AccountNumber clearing = new AccountNumber(bank, "1", "900");
        AccountNumber capital = new AccountNumber(bank, "1", "901");
        AccountNumber customer = new AccountNumber(bank, "1", "100");
        if (!banks.accountExists(clearing)) {
            banks.openInternalAccount(clearing, "EMS clearing", "JPY");
        }
        if (!banks.accountExists(capital)) {
            banks.openInternalAccount(capital, "Capital", "JPY");
        }
        if (!banks.accountExists(customer)) {
            banks.openCustomerAccount(customer, "Demo customer", "JPY", AccountKind.DEPOSIT, 0, "1234".toCharArray());
        }
        banks.fund("demo-fund-" + bank.code(), capital, customer, LedgerAmount.of(100_000, "JPY"));
        AccountNumber usdClearing = new AccountNumber(bank, "1", "910");
        AccountNumber usdCapital = new AccountNumber(bank, "1", "911");
        AccountNumber usdCustomer = new AccountNumber(bank, "1", "110");
        if (!banks.accountExists(usdClearing)) {
            banks.openInternalAccount(usdClearing, "EMS clearing USD", "USD");
            banks.openInternalAccount(usdCapital, "Capital USD", "USD");
            banks.openCustomerAccount(usdCustomer, "Demo customer USD", "USD", AccountKind.DEPOSIT, 0, "1234".toCharArray());
        }
        banks.fund("demo-fund-usd-" + bank.code(), usdCapital, usdCustomer, LedgerAmount.of(100_000, "USD"));
    }

    /** The bank's EMS desk (teller and money generator, JPY and USD), its teller signed on. */
    private void demoDesk(BankId bank, ModuleId ss) {
        if (desks.desks().stream().anyMatch(d -> d.bank().equals(bank.code()))) {
            return;
        }
        DeskService.DeskView desk = desks.open(bank, ss, new NetworkServerId(networkServer), Map.of(
                CurrencyCode.of("JPY"), new AccountNumber(bank, "1", "900"), CurrencyCode.of("USD"), new AccountNumber(bank, "1", "910")));
        network.signOn(new ModuleId(desk.teller()), Optional.empty());
    }

    /**
     * The e-money provider: its money generator and issuing teller certified by the security server
     * (once), its account at each demo bank, registered with its host (terminals and cards are
     * registered over REST).
     */
    private void demoProvider(ModuleId ss) {
        provider.openIssuer(ss);
        List<AccountNumber> registered = provider.providerAccounts();
        for (String code : new String[] {"BANKA", "BANKB"}) {
            AccountNumber account = new AccountNumber(new BankId(code), "1", "500");
            if (!banks.accountExists(new AccountNumber(account.bank(), "1", "900"))) {
                continue; // the demo bank did not open
            }
            if (!banks.accountExists(account)) {
                banks.openCustomerAccount(account, "E-money provider", "JPY", AccountKind.DEPOSIT, 0, "7000".toCharArray());
            }
            if (registered.stream().noneMatch(a -> a.bank().equals(account.bank()))) {
                provider.registerAccount(account, "7000".toCharArray());
            }
        }
    }

    /**
     * The MSC (the existing one, whatever its id, else {@code MSC}), MSA1 under it, CSAs A, B, C under
     * MSA1, each registered once on a new hosted transaction module that starts signing on; then the
     * timer connects them. An agent registered before keeps its module; one that cannot be registered
     * (its id taken otherwise) is logged and skipped.
     */
    private void demoSettlementAgents(ModuleId ss) {
        AgentId msc = settlementAgents.all().stream().filter(a -> a.role() == AgentRole.MSC).map(AgentView::id).findFirst()
                .orElseGet(() -> demoAgent(ss, new AgentId("MSC"), AgentRole.MSC, Optional.empty()));
        demoAgent(ss, DEMO_MSA, AgentRole.MSA, Optional.of(msc));
        for (AgentId csa : DEMO_CSAS) {
            try {
                demoAgent(ss, csa, AgentRole.CSA, Optional.of(DEMO_MSA));
            } catch (RuntimeException e) {
                LOG.warning(() -> "demo CSA " + csa + " not registered: " + e);
            }
        }
        connectTicks = 0;
        timers.createSingleActionTimer(CONNECT_EVERY.toMillis(), new TimerConfig("demo settlement agents", false));
    }

    private AgentId demoAgent(ModuleId ss, AgentId id, AgentRole role, Optional<AgentId> parent) {
        Optional<AgentView> existing = settlementAgents.find(id);
        if (existing.isPresent()) {
            if (existing.get().role() != role || !existing.get().parent().equals(parent)) {
                throw new IllegalStateException("agent " + id + " is a " + existing.get().role() + " under "
                        + existing.get().parent().map(AgentId::value).orElse("nobody"));
            }
            return id;
        }
        ModuleId module = network.openModule(ModuleRole.TRANSACTION, ss, new NetworkServerId(networkServer)).subjectId();
        network.signOn(module, Optional.empty());
        settlementAgents.register(id, role, module, parent);
        LOG.info(() -> "demo settlement agent " + role + " " + id + " on module " + module);
        return id;
    }

    /**
     * Connects each demo agent whose module and parent's module are signed on and that has no
     * session to its parent, or one that ended without being established; looks again every
     * {@link #CONNECT_EVERY} until all are connected, at most {@link #CONNECT_TICKS} times.
     */
    @Timeout
    void connectDemoAgents(Timer timer) {
        boolean pending = false;
        List<AgentId> children = new java.util.ArrayList<>(List.of(DEMO_MSA));
        children.addAll(DEMO_CSAS);
        for (AgentId id : children) {
            try {
                pending |= !connectDemoAgent(id);
            } catch (RuntimeException e) {
                LOG.warning(() -> "demo settlement agent " + id + " not connected: " + e);
                pending = true;
            }
        }
        if (pending && ++connectTicks < CONNECT_TICKS) {
            timers.createSingleActionTimer(CONNECT_EVERY.toMillis(), new TimerConfig("demo settlement agents", false));
        } else if (pending) {
            LOG.warning("demo settlement agents: not all connected; connect them over REST (/api/settlement/agents/{id}/connection)");
        } else {
            LOG.info("demo settlement agents connected: MSA1, A, B, C");
        }
    }

    /** True if the agent is connected (or not a demo agent of this directory); otherwise connects it when it can. */
    private boolean connectDemoAgent(AgentId id) {
        Optional<AgentView> found = settlementAgents.find(id);
        if (found.isEmpty() || found.get().connected()) {
            return true;
        }
        AgentView agent = found.get();
        AgentView parent = settlementAgents.find(agent.parent().orElseThrow()).orElseThrow();
        if (!network.moduleView(agent.module()).signedOn() || !network.moduleView(parent.module()).signedOn()) {
            return false;
        }
        boolean ended = agent.session().map(s -> network.conversation(s).stream().allMatch(NetworkService.PartyView::settled)).orElse(true);
        if (ended) {
            settlementAgents.connect(id);
        }
        return false;
    }
}
