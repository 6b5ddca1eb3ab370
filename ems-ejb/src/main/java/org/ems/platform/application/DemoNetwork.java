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
}
