package org.ems.it.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import jakarta.transaction.UserTransaction;
import java.security.SecureRandom;
import javax.naming.InitialContext;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.infrastructure.JpaBankRepository;
import org.ems.csm.application.CsmHostService;
import org.ems.csm.application.CustomerServiceFacade;
import org.ems.it.Beans;
import org.ems.it.EmsDeployments;
import org.ems.money.application.NoteCustody;
import org.ems.money.application.PaymentService;
import org.ems.money.application.Proposals;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.teller.DeskService;
import org.ems.money.teller.TellerService;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.application.SecurityServerService;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The portal's claim and revalidation pages in a real browser (figures 19, 21, 22). The state they
 * need is made first inside Liberty through the real services (the in-container method), then the
 * browser part runs as a client ({@link ClaimsInBrowser}); the two hand over through a properties
 * file in the server's directory.
 *
 * <p>The failed commit comes from an interrupted payment, run by the protocol as it is: the payee
 * signs on with the payer as its destination and opens the session, so its messages in that
 * session travel through the network server (figure 3B); it agrees to be paid and then leaves the
 * network (sign-off). The payer sends its notes straight to the payee, which checks them, logs them
 * conditionally and sends Ready-to-Commit through its link, which the network server no longer
 * carries. Both sides' timers expire: the payer aborts (it keeps its notes) and the payee, which
 * had said it was ready to commit, logs a FAILED_COMMIT (figure 11, step 1732).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalClaimsIT {

    static final String SUBSCRIBER = "Demo customer";
    static final String ACCOUNT = "BANKA-1-100";
    static final long WITHDRAWN = 3_000;
    static final long PAID = 1_200;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    /** Inside the server its working directory is the server's directory; the client finds it from the build's properties. */
    private static final String HANDOFF_DIR = "portal-claims-it";

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(PortalClaimsIT.class);
    }

    @Test
    @Order(1)
    void prepareAModuleWithNotesAndAProfileAndAPayeeWithAFailedCommit() throws IOException {
        NetworkService network = Beans.get(NetworkService.class);
        ModuleId securityServer = new ModuleId(Beans.get(SecurityServerService.class).listSecurityServers().get(0).id());
        ModuleId teller = new ModuleId(Beans.get(DeskService.class).desks().stream().filter(d -> d.bank().equals("BANKA"))
                .findFirst().orElseThrow().teller());
        until("the demo teller signs on", () -> network.moduleView(teller).signedOn());
        String run = UUID.randomUUID().toString().substring(0, 8);

        // The payer: linked to the demo account (figure 18) and funded by a withdrawal at BANKA's teller.
        ModuleId payer = open(network, securityServer);
        network.signOn(payer, Optional.empty());
        until("the payer signs on", () -> network.moduleView(payer).signedOn());
        CustomerServiceFacade customerService = Beans.get(CustomerServiceFacade.class);
        long csm = Beans.get(CsmHostService.class).csms().get(0).id();
        CustomerServiceFacade.ProfileOffer offer = customerService.linkAccounts(csm, payer.value(), "BANKA", SUBSCRIBER, List.of(ACCOUNT));
        customerService.answerProfileOffer(payer.value(), offer.signedProfile(), true, SUBSCRIBER);
        TellerService tellers = Beans.get(TellerService.class);
        PaymentService payments = Beans.get(PaymentService.class);
        NoteCustody custody = Beans.get(NoteCustody.class);
        ConversationId atTeller = session(network, payer, teller);
        String withdrawal = run + "-withdraw";
        tellers.withdraw(payer, atTeller, AccountNumber.parse(ACCOUNT), jpy(WITHDRAWN), withdrawal);
        until("the withdrawal completes", () -> tellers.operation(payer, withdrawal).map(o -> o.phase().equals("COMPLETED")).orElse(false)
                && !custody.isBusy(payer) && payments.balance(payer, JPY).equals(jpy(WITHDRAWN)));

        // The payee: linked to the network server with the payer as destination, so its session traffic is relayed.
        ModuleId payee = open(network, securityServer);
        ConversationId payeeSignOn = network.signOn(payee, Optional.of(new ModuleAddress(payer)));
        until("the payee signs on", () -> network.moduleView(payee).signedOn());
        ConversationId shop = session(network, payee, payer);
        Proposals proposals = Beans.get(Proposals.class);
        String request = proposals.propose(payee, shop, payer, jpy(PAID), run + "-pos").id();
        // The payee leaves the network: the network server drops its link before the payment starts.
        network.signOff(payee, payeeSignOn);
        until("the network server ends the payee's link", () -> !network.moduleView(payee).signedOn()
                && network.conversation(payeeSignOn).stream()
                .anyMatch(p -> "NETWORK_SERVER_SIGN_ON".equals(p.protocol()) && "SIGNED_OFF".equals(p.outcome())));

        String payment = proposals.confirm(payer, request).conversation();
        until("the payee records a failed commit", () -> !customerService.reviewableFailedCommits(payee.value()).isEmpty());
        until("the payer aborts and keeps its notes", () -> !custody.isBusy(payer) && !custody.isBusy(payee)
                && payments.balance(payer, JPY).equals(jpy(WITHDRAWN)));
        assertThat(payments.payment(payee, ConversationId.parse(payment))).hasValueSatisfying(p -> assertThat(p.outcome())
                .isEqualTo("FAILED_COMMIT"));
        assertThat(payments.payment(payer, ConversationId.parse(payment))).hasValueSatisfying(p -> assertThat(p.phase())
                .isEqualTo("ABORTED"));
        assertThat(customerService.reviewableFailedCommits(payee.value())).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo(payment);
            assertThat(r.amounts()).containsExactly(jpy(PAID));
        });

        // Figure 21: the payer's host downloads its claim file while the module works; a copy with one byte changed is "tampered".
        byte[] claimFile = customerService.createLostNotesClaim(payer.value());
        byte[] tampered = claimFile.clone();
        tampered[tampered.length - 1] ^= 0x01;

        // Figure 19's refusal: a module linked to an account the bank has closed since.
        ModuleId closing = open(network, securityServer);
        network.signOn(closing, Optional.empty());
        until("the module of the closed account signs on", () -> network.moduleView(closing).signedOn());
        String holder = "Portal closing " + run;
        AccountNumber closed = newAccount(holder);
        CustomerServiceFacade.ProfileOffer closedOffer = customerService.linkAccounts(csm, closing.value(), "BANKA", holder,
                List.of(closed.toString()));
        customerService.answerProfileOffer(closing.value(), closedOffer.signedProfile(), true, holder);
        closeAccount(closed);

        Path dir = Path.of(HANDOFF_DIR).toAbsolutePath();
        Files.createDirectories(dir);
        Files.write(dir.resolve("claim-" + payer.value() + ".bin"), claimFile);
        Files.write(dir.resolve("tampered-" + payer.value() + ".bin"), tampered);
        Properties handoff = new Properties();
        handoff.setProperty("payer", Long.toString(payer.value()));
        handoff.setProperty("payee", Long.toString(payee.value()));
        handoff.setProperty("payment", payment);
        handoff.setProperty("closedAccountModule", Long.toString(closing.value()));
        handoff.setProperty("claimFile", "claim-" + payer.value() + ".bin");
        handoff.setProperty("tamperedFile", "tampered-" + payer.value() + ".bin");
        try (OutputStream out = Files.newOutputStream(dir.resolve("handoff.properties"))) {
            handoff.store(out, "PortalClaimsIT: made in the server for the browser part");
        }
    }

    @Test
    @Order(2)
    @RunAsClient
    void aCsrFilesTheFailedCommitOfTheInterruptedPaymentAndFollowsIt() throws Exception {
        Properties handoff = handoff();
        ClaimsInBrowser.fileFailedCommitClaim(Long.parseLong(handoff.getProperty("payer")), Long.parseLong(handoff.getProperty("payee")),
                handoff.getProperty("payment"));
    }

    @Test
    @Order(3)
    @RunAsClient
    void aCsrUploadsALostModuleClaimFileATamperedOneIsRefused() throws Exception {
        Properties handoff = handoff();
        ClaimsInBrowser.uploadLostModuleClaim(handoffDir().resolve(handoff.getProperty("claimFile")),
                handoffDir().resolve(handoff.getProperty("tamperedFile")));
    }

    @Test
    @Order(4)
    @RunAsClient
    void aCsrRevalidatesAProfile() throws Exception {
        Properties handoff = handoff();
        ClaimsInBrowser.revalidate(Long.parseLong(handoff.getProperty("payer")),
                Long.parseLong(handoff.getProperty("closedAccountModule")));
    }

    private static Properties handoff() throws IOException {
        Path file = handoffDir().resolve("handoff.properties");
        assertThat(file).as("written by the in-container preparation").exists();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    /** The server's directory as the client sees it (the failsafe plugin passes the Liberty home and server name). */
    private static Path handoffDir() {
        return Path.of(System.getProperty("ems.liberty.home"), "usr", "servers", System.getProperty("ems.liberty.server"), HANDOFF_DIR);
    }

    /** A new deposit account at BANKA for {@code holder}, with a number no other run took. */
    private static AccountNumber newAccount(String holder) {
        BankHostService banks = Beans.get(BankHostService.class);
        SecureRandom random = new SecureRandom();
        AccountNumber number;
        do {
            number = new AccountNumber(new BankId("BANKA"), "1", Long.toString(100_000_000L + random.nextInt(900_000_000)));
        } while (banks.accountExists(number));
        banks.openCustomerAccount(number, holder, "JPY", AccountKind.DEPOSIT, 0, "1234".toCharArray());
        return number;
    }

    /** The bank closes the (empty) account, as the JTA tests of figure 19 do: the built-in bank has no service for it. */
    private static void closeAccount(AccountNumber number) {
        try {
            UserTransaction tx = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
            tx.begin();
            try {
                Beans.get(JpaBankRepository.class).findAccount(number).orElseThrow().close();
                tx.commit();
            } catch (RuntimeException e) {
                tx.rollback();
                throw e;
            }
        } catch (Exception e) {
            throw new AssertionError("could not close " + number, e);
        }
    }

    private static ModuleId open(NetworkService network, ModuleId securityServer) {
        return network.openModule(ModuleRole.TRANSACTION, securityServer, new NetworkServerId("ns-1")).subjectId();
    }

    private static ConversationId session(NetworkService network, ModuleId from, ModuleId to) {
        ConversationId session = network.establishSession(from, to);
        until("session " + session + " is established", () -> network.conversation(session).stream()
                .filter(p -> "SESSION_ESTABLISHED".equals(p.outcome())).count() == 2);
        return session;
    }

    private static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + TIMEOUT);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Money jpy(long yen) {
        return Money.of(JPY, yen);
    }
}
