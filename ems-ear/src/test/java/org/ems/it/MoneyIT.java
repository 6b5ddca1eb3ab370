package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.csm.application.CsmHostService;
import org.ems.csm.application.CustomerServiceFacade;
import org.ems.money.application.NoteCustody;
import org.ems.money.application.Proposals;
import org.ems.money.application.PaymentService;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.teller.ConservationCheck;
import org.ems.money.teller.ConservationReport;
import org.ems.money.teller.DeskService;
import org.ems.money.teller.TellerService;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.application.SecurityServerService;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The money issue end to end inside Liberty, over JMS (network and bank gateway) and the demo
 * network's two banks: a module withdraws yen at BANKA and another dollars at BANKB; the second,
 * as a merchant, asks the first for a POS payment, which it confirms; the first offers an exchange
 * of yen for dollars, which the second confirms; both deposit at the other's bank; every step is its own transaction driven by the MDBs and timers. At the end the
 * conservation check holds against both banks' ledgers.
 */
@ExtendWith(ArquillianExtension.class)
class MoneyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    private static final CurrencyCode USD = CurrencyCode.of("USD");

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(MoneyIT.class, Await.class);
    }

    private NetworkService network;
    private TellerService tellers;
    private PaymentService payments;
    private ModuleId tellerA;
    private ModuleId tellerB;
    private ModuleId securityServer;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void demoDesks() {
        network = Beans.get(NetworkService.class);
        tellers = Beans.get(TellerService.class);
        payments = Beans.get(PaymentService.class);
        securityServer = new ModuleId(Beans.get(SecurityServerService.class).listSecurityServers().get(0).id());
        List<DeskService.DeskView> desks = Beans.get(DeskService.class).desks();
        tellerA = new ModuleId(desks.stream().filter(d -> d.bank().equals("BANKA")).findFirst().orElseThrow().teller());
        tellerB = new ModuleId(desks.stream().filter(d -> d.bank().equals("BANKB")).findFirst().orElseThrow().teller());
        Await.until("the demo tellers sign on", TIMEOUT,
                () -> network.moduleView(tellerA).signedOn() && network.moduleView(tellerB).signedOn());
    }

    @Test
    void withdrawPayAtAPointOfSaleAndDepositAcrossTwoBanksConservesEveryValue() {
        BankHostService banks = Beans.get(BankHostService.class);
        AccountNumber yenAtA = new AccountNumber(new BankId("BANKA"), "1", "100");
        AccountNumber yenAtB = new AccountNumber(new BankId("BANKB"), "1", "100");
        AccountNumber dollarsAtB = new AccountNumber(new BankId("BANKB"), "1", "110");
        long yenAtABefore = banks.balance(yenAtA).minor();
        long yenAtBBefore = banks.balance(yenAtB).minor();
        long dollarsBefore = banks.balance(dollarsAtB).minor();

        ModuleId buyer = signedOnModule();
        ModuleId merchant = signedOnModule();
        // Figure 20: withdrawals and deposits need the accounts linked to the module (figure 18) by a CSM.
        long csm = Beans.get(CsmHostService.class).open(securityServer, new NetworkServerId("ns-1"), Duration.ofDays(365)).id();
        link(csm, buyer, "Demo customer", yenAtA);
        link(csm, buyer, "Demo customer", yenAtB);
        link(csm, merchant, "Demo customer USD", dollarsAtB);
        link(csm, merchant, "Demo customer", yenAtA);
        link(csm, buyer, "Demo customer USD", dollarsAtB);       // added to the buyer's profile of BANKB

        ConversationId buyerAtA = session(buyer, tellerA);
        complete(buyer, key("w-buyer"), () -> tellers.withdraw(buyer, buyerAtA, yenAtA, jpy(5_000), key("w-buyer")));
        ConversationId merchantAtB = session(merchant, tellerB);
        complete(merchant, key("w-merchant"),
                () -> tellers.withdraw(merchant, merchantAtB, dollarsAtB, usd(2_000), key("w-merchant")));
        Await.until("the modules commit their notes", TIMEOUT,
                () -> payments.balance(buyer, JPY).equals(jpy(5_000)) && payments.balance(merchant, USD).equals(usd(2_000)));
        assertThat(banks.balance(yenAtA).minor()).isEqualTo(yenAtABefore - 5_000);

        // POS (figure 12): the merchant asks, the buyer's host confirms.
        ConversationId shop = session(merchant, buyer);
        Proposals proposals = Beans.get(Proposals.class);
        String request = proposals.propose(merchant, shop, buyer, jpy(1_200), key("pos")).id();
        assertThat(proposals.pending(buyer)).extracting(Proposals.ProposalView::id).contains(request);
        proposals.confirm(buyer, request);
        Await.until("the POS payment settles", TIMEOUT, () -> payments.balance(merchant, JPY).equals(jpy(1_200))
                && payments.balance(buyer, JPY).equals(jpy(3_800)));

        // FX (figure 9): the buyer offers 1,000 yen for 7.00 dollars, the merchant's host confirms.
        String offer = proposals.proposeExchange(buyer, shop, merchant, jpy(1_000), usd(700), key("fx")).id();
        proposals.confirm(merchant, offer);
        NoteCustody custody = Beans.get(NoteCustody.class);
        Await.until("the exchange settles", TIMEOUT, () -> payments.balance(buyer, USD).equals(usd(700))
                && payments.balance(merchant, JPY).equals(jpy(2_200)) && !custody.isBusy(buyer) && !custody.isBusy(merchant));
        assertThat(payments.balance(buyer, JPY)).isEqualTo(jpy(2_800));
        assertThat(payments.balance(merchant, USD)).isEqualTo(usd(1_300));

        // Deposits, each at the other's bank: notes issued by BANKA's generator end at BANKB and back.
        ConversationId merchantAtA = session(merchant, tellerA);
        complete(merchant, key("d-merchant"), () -> tellers.deposit(merchant, merchantAtA, yenAtA, jpy(2_200), key("d-merchant")));
        ConversationId buyerAtB = session(buyer, tellerB);
        complete(buyer, key("d-buyer"), () -> tellers.deposit(buyer, buyerAtB, yenAtB, jpy(2_000), key("d-buyer")));
        complete(buyer, key("d-buyer-usd"), () -> tellers.deposit(buyer, buyerAtB, dollarsAtB, usd(700), key("d-buyer-usd")));
        complete(merchant, key("d-merchant-usd"), () -> tellers.deposit(merchant, merchantAtB, dollarsAtB, usd(500), key("d-merchant-usd")));

        assertThat(payments.balance(buyer, JPY)).isEqualTo(jpy(800));
        assertThat(payments.balance(buyer, USD)).isEqualTo(usd(0));
        assertThat(payments.balance(merchant, JPY)).isEqualTo(jpy(0));
        assertThat(payments.balance(merchant, USD)).isEqualTo(usd(800));
        assertThat(banks.balance(yenAtA).minor()).isEqualTo(yenAtABefore - 5_000 + 2_200);
        assertThat(banks.balance(yenAtB).minor()).isEqualTo(yenAtBBefore + 2_000);
        assertThat(banks.balance(dollarsAtB).minor()).isEqualTo(dollarsBefore - 2_000 + 700 + 500);

        ConservationCheck conservation = Beans.get(ConservationCheck.class);
        try {
            Await.until("every operation in the server comes to rest", TIMEOUT,
                    () -> conservation.run().stream().allMatch(r -> r.operationsInFlight() == 0 && r.inTransit().isZero()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + conservation.run(), e);
        }
        for (ConservationReport report : conservation.run()) {
            assertThat(report.holds()).as(report.toString()).isTrue();
            assertThat(report.bankClearing()).as(report.toString()).isEqualTo(report.outstanding());
        }
    }

    private ModuleId signedOnModule() {
        ModuleId id = network.openModule(ModuleRole.TRANSACTION, securityServer, new NetworkServerId("ns-1")).subjectId();
        network.signOn(id, Optional.empty());
        Await.until("module " + id + " signs on", TIMEOUT, () -> network.moduleView(id).signedOn());
        return id;
    }

    /** Links the account to the module at its bank, the customer affirming the offered profile. */
    private void link(long csm, ModuleId module, String subscriber, AccountNumber account) {
        CustomerServiceFacade facade = Beans.get(CustomerServiceFacade.class);
        CustomerServiceFacade.ProfileOffer offer = facade.linkAccounts(csm, module.value(), account.bank().code(), subscriber,
                List.of(account.toString()));
        facade.answerProfileOffer(module.value(), offer.signedProfile(), true, subscriber);
    }

    private ConversationId session(ModuleId a, ModuleId b) {
        ConversationId session = network.establishSession(a, b);
        Await.until("session " + session + " is established", TIMEOUT, () -> network.conversation(session).stream()
                .filter(p -> "SESSION_ESTABLISHED".equals(p.outcome())).count() == 2);
        return session;
    }

    /** Starts a teller operation and waits until it completed and the module committed its side. */
    private void complete(ModuleId module, String key, java.util.function.Supplier<?> start) {
        start.get();
        NoteCustody custody = Beans.get(NoteCustody.class);
        try {
            Await.until("teller operation " + key + " completes", TIMEOUT,
                    () -> tellers.operation(module, key).map(o -> o.phase().equals("COMPLETED")).orElse(false) && !custody.isBusy(module));
        } catch (AssertionError e) {
            var op = tellers.operation(module, key);
            throw new AssertionError(e.getMessage() + "; operation " + op + ", module busy " + custody.isBusy(module) + ", payout at module "
                    + op.map(o -> o.payoutPayment()).map(p -> payments.payment(module, ConversationId.parse(p))) + ", balance "
                    + payments.balance(module, JPY), e);
        }
    }

    private String key(String what) {
        return run + "-" + what;
    }

    private static Money jpy(long yen) {
        return Money.of(JPY, yen);
    }

    private static Money usd(long cents) {
        return Money.of(USD, cents);
    }
}
