package org.ems.csm.application;

import java.time.Duration;
import java.util.List;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.AccountNumber;
import org.ems.csm.infrastructure.BuiltInBankAccountDirectory;
import org.ems.money.application.PaymentFixture;
import org.ems.money.teller.TellerRepository;
import org.ems.security.domain.ModuleId;

/**
 * The customer service host wired as the container wires it, over the payments' fixture (JTA
 * harness) and a built-in bank host: the facade, the MIIS service, the CSM host, and the account
 * validation the tellers call.
 */
public final class CsmWiring {

    /** The entities the customer service host needs in the harness. */
    public static final Class<?>[] ENTITIES = {CsmModuleRecord.class, StoredProfile.class, ClaimMarkRecord.class, ClaimSequence.class,
        ClaimRecord.class};

    public final PaymentFixture pay;
    public final CsmRepository repository;
    public final CsmParties parties = new CsmParties();
    public final HostedModuleSteps modules = new HostedModuleSteps();
    public final BuiltInBankAccountDirectory directory;
    public final CustomerServiceFacade facade = new CustomerServiceFacade();
    public final CsmHostService hosts = new CsmHostService();
    public final MiisService miis = new MiisService();
    public final AccountValidationService validation = new AccountValidationService();

    public CsmWiring(PaymentFixture pay, BankHostService bankHost, TellerRepository tellers) {
        this.pay = pay;
        var security = pay.security;
        var em = security.harness.transactionScopedEntityManager();
        repository = new CsmRepository(em);
        directory = new BuiltInBankAccountDirectory(em, bankHost);
        parties.network = pay.net.repository;
        parties.repository = repository;
        parties.vault = security.vault;
        parties.trust = security.trust;
        parties.settings = pay.net.settings;
        parties.clock = security.clock;
        modules.parties = parties;
        modules.repository = repository;
        modules.custody = pay.custody;
        modules.vault = security.vault;
        modules.random = security.random;
        facade.parties = parties;
        facade.repository = repository;
        facade.modules = modules;
        facade.directory = directory;
        facade.random = security.random;
        hosts.network = pay.network;
        hosts.repository = repository;
        hosts.clock = security.clock;
        miis.repository = repository;
        miis.clock = security.clock;
        validation.tellers = tellers;
        validation.parties = parties;
        validation.repository = repository;
        validation.directory = directory;
    }

    /** A hosted CSM whose profiles are valid for 90 days. */
    public ModuleId openCsm() {
        return new ModuleId(pay.security.tx(() -> hosts.open(pay.ss, PaymentFixture.NS, Duration.ofDays(90))).id());
    }

    /** Links the accounts to the module at their bank (figure 18), the customer affirming. */
    public CustomerServiceFacade.ProfileView link(ModuleId csm, ModuleId module, String subscriber, AccountNumber... accounts) {
        List<String> numbers = java.util.Arrays.stream(accounts).map(AccountNumber::toString).toList();
        CustomerServiceFacade.ProfileOffer offer = pay.security.tx(() ->
                facade.linkAccounts(csm.value(), module.value(), accounts[0].bank().code(), subscriber, numbers));
        return pay.security.tx(() -> facade.answerProfileOffer(module.value(), offer.signedProfile(), true, subscriber));
    }
}
