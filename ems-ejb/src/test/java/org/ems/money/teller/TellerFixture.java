package org.ems.money.teller;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.ems.bank.application.BankGateway;
import org.ems.bank.application.BankHostWiring;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.LedgerAmount;
import org.ems.csm.application.CsmWiring;
import org.ems.money.application.NoteCustody;
import org.ems.money.application.PaymentFixture;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * Tellers, money generators and built-in banks over the payments' fixture (JTA harness): bank
 * requests leave when their transaction commits and the test delivers them ({@link #settle}),
 * each handled and its reply recorded in its own transaction, as the JMS gateway does.
 */
final class TellerFixture implements AutoCloseable {

    static final CurrencyCode USD = PaymentFixture.USD;
    /** The holder of the customer account of each bank, as the bank knows the subscriber. */
    static final String CUSTOMER = "Customer";

    final PaymentFixture pay;
    final BankHostWiring bank;
    final TellerRepository tellers;
    final NoteCustody custody;
    final MoneyGenerator generator = new MoneyGenerator();
    final TellerService teller = new TellerService();
    final DeskService desks = new DeskService();
    final ConservationCheck conservation = new ConservationCheck();
    final Deque<Request> bankQueue = new ArrayDeque<>();
    /** The customer service host: withdrawals and deposits need the account linked to the module (figure 20). */
    final CsmWiring csm;
    private ModuleId csmId;

    record Request(BankId bank, BankRequest request) {
    }

    TellerFixture(String name) {
        Class<?>[] entities = new Class<?>[BankHostWiring.ENTITIES.length + CsmWiring.ENTITIES.length + 4];
        System.arraycopy(BankHostWiring.ENTITIES, 0, entities, 0, BankHostWiring.ENTITIES.length);
        System.arraycopy(CsmWiring.ENTITIES, 0, entities, BankHostWiring.ENTITIES.length, CsmWiring.ENTITIES.length);
        entities[entities.length - 4] = TellerDesk.class;
        entities[entities.length - 3] = TellerOperationRecord.class;
        entities[entities.length - 2] = TellerBankRequest.class;
        entities[entities.length - 1] = MoneyCirculation.class;
        pay = new PaymentFixture(name, entities);
        var security = pay.security;
        bank = new BankHostWiring(security.harness, security.clock, security.random);
        tellers = new TellerRepository(security.harness.transactionScopedEntityManager());
        custody = pay.custody;
        csm = new CsmWiring(pay, bank.host, tellers);
        generator.network = pay.net.repository;
        generator.tellers = tellers;
        generator.vault = security.vault;
        generator.random = security.random;
        generator.clock = security.clock;
        generator.noteLifetimeDays = 365;
        teller.tellers = tellers;
        teller.payments = pay.payments;
        teller.custody = custody;
        teller.generator = generator;
        teller.gateway = queueOnCommit();
        teller.clock = security.clock;
        teller.authorization = csm.validation;
        desks.tellers = tellers;
        desks.network = pay.network;
        conservation.tellers = tellers;
        conservation.custody = custody;
        conservation.banks = bank.host;
        pay.settled.observe(teller::onPaymentSettled);
        bank.recorded.observe(teller::onBankReply);
    }

    /** A bank with a USD desk (clearing 1-900), capital 1-901 and a customer 1-100 holding {@code customerFunds} cents. */
    ModuleId openBank(String code, long customerFunds) {
        BankId id = new BankId(code);
        pay.security.txRun(() -> {
            bank.host.openInternalAccount(clearing(code), "EMS clearing", "USD");
            bank.host.openInternalAccount(new AccountNumber(id, "1", "901"), "Capital", "USD");
            bank.host.openCustomerAccount(customer(code), CUSTOMER, "USD", AccountKind.DEPOSIT, 0, "1234".toCharArray());
            bank.host.fund("fund-" + code, new AccountNumber(id, "1", "901"), customer(code), LedgerAmount.of(customerFunds, "USD"));
        });
        DeskService.DeskView desk = pay.security.tx(() -> desks.open(id, pay.ss, PaymentFixture.NS, Map.of(USD, clearing(code))));
        return pay.signedOn(new ModuleId(desk.teller()));
    }

    /** A signed-on transaction module with the customer account of each bank linked to it (figure 18). */
    ModuleId linkedModule(String... bankCodes) {
        ModuleId module = pay.signedOnModule();
        for (String code : bankCodes) {
            link(module, code);
        }
        return module;
    }

    /** Links the customer account of the bank (and {@code more} of the customer's) to the module, the CSR and the customer agreeing. */
    void link(ModuleId module, String bankCode, AccountNumber... more) {
        if (csmId == null) {
            csmId = csm.openCsm();
        }
        AccountNumber[] accounts = new AccountNumber[more.length + 1];
        accounts[0] = customer(bankCode);
        System.arraycopy(more, 0, accounts, 1, more.length);
        csm.link(csmId, module, CUSTOMER, accounts);
    }

    /** Figure 19: the CSM renews the module's profile of the bank. */
    void revalidate(ModuleId module, String bankCode) {
        pay.security.tx(() -> csm.facade.revalidate(csmId.value(), module.value(), bankCode));
    }

    static AccountNumber clearing(String code) {
        return new AccountNumber(new BankId(code), "1", "900");
    }

    static AccountNumber customer(String code) {
        return new AccountNumber(new BankId(code), "1", "100");
    }

    ConversationId session(ModuleId module, ModuleId tellerId) {
        return pay.session(module, tellerId);
    }

    TellerService.OperationView withdraw(ModuleId module, ConversationId session, String bankCode, long cents, String key) {
        return pay.security.tx(() -> teller.withdraw(module, session, customer(bankCode), Money.of(USD, cents), key));
    }

    TellerService.OperationView deposit(ModuleId module, ConversationId session, String bankCode, long cents, String key) {
        return pay.security.tx(() -> teller.deposit(module, session, customer(bankCode), Money.of(USD, cents), key));
    }

    TellerService.OperationView operation(ModuleId module, String key) {
        return pay.security.tx(() -> teller.operation(module, key)).orElseThrow();
    }

    /** Delivers network messages and bank requests until both are quiet. */
    void settle() {
        for (int rounds = 0; rounds < 100; rounds++) {
            pay.pump();
            Request next = bankQueue.poll();
            if (next == null) {
                return;
            }
            pay.security.txRun(() -> bank.replies.record(bank.host.handle(next.bank(), next.request())));
        }
        throw new AssertionError("tellers and banks do not come to rest");
    }

    long account(AccountNumber number) {
        return pay.security.tx(() -> bank.host.balance(number)).minor();
    }

    Money balance(ModuleId module) {
        return pay.balance(module);
    }

    List<ConservationReport> conservation() {
        return pay.security.tx(conservation::run);
    }

    private BankGateway queueOnCommit() {
        return (bankId, request) -> pay.security.harness.synchronizationRegistry().registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    bankQueue.add(new Request(bankId, request));
                }
            }
        });
    }

    @Override
    public void close() {
        pay.close();
    }
}
