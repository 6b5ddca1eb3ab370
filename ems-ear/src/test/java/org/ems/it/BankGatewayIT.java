package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.ems.bank.application.BankGateway;
import org.ems.bank.application.BankHostService;
import org.ems.bank.application.BankReplies;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.LedgerAmount;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Liberty: requests go over EMS.BANK.REQUEST through the JMS gateway, the built-in bank
 * host answers in the MDB's XA transaction, and the replies are recorded from EMS.BANK.REPLY.
 * Each test runs against a fresh bank code, since the server's data outlives a run.
 */
@ExtendWith(ArquillianExtension.class)
class BankGatewayIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String JPY = "JPY";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(BankGatewayIT.class, Await.class);
    }

    private BankHostService host;
    private BankGateway gateway;
    private BankReplies replies;
    private BankId bank;
    private AccountNumber clearing;
    private AccountNumber capital;
    private AccountNumber customer;
    private AccountNumber merchant;

    @BeforeEach
    void aFreshBank() {
        host = Beans.get(BankHostService.class);
        gateway = Beans.get(BankGateway.class);
        replies = Beans.get(BankReplies.class);
        bank = new BankId("T" + randomCode(7));
        clearing = new AccountNumber(bank, "1", "900");
        capital = new AccountNumber(bank, "1", "901");
        customer = new AccountNumber(bank, "1", "100");
        merchant = new AccountNumber(bank, "1", "200");
        host.openInternalAccount(clearing, "EMS clearing", JPY);
        host.openInternalAccount(capital, "Capital", JPY);
        host.openCustomerAccount(customer, "Alice", JPY, AccountKind.DEPOSIT, 0, "1234".toCharArray());
        host.openCustomerAccount(merchant, "Shop", JPY, AccountKind.DEPOSIT, 0, "9876".toCharArray());
        host.fund("fund-" + bank, capital, customer, LedgerAmount.of(10_000, JPY));
    }

    @Test
    void aWithdrawalOverJmsIsApprovedAndPostedOnceEvenWhenResent() {
        String key = "wd-" + UUID.randomUUID();
        BankRequest withdrawal = withdrawal(UUID.randomUUID(), key, 2_500);

        gateway.send(bank, withdrawal);
        BankReply reply = awaitReply(withdrawal.correlationId());

        assertThat(reply.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(reply.entryId()).isNotNull();
        assertThat(host.balance(customer)).isEqualTo(LedgerAmount.of(7_500, JPY));
        assertThat(host.balance(clearing)).isEqualTo(LedgerAmount.of(2_500, JPY));

        // The same request sent again (a requester's retry): the same key, the same entry.
        BankRequest resent = withdrawal(UUID.randomUUID(), key, 2_500);
        gateway.send(bank, resent);
        BankReply again = awaitReply(resent.correlationId());

        assertThat(again.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(again.entryId()).isEqualTo(reply.entryId());
        assertThat(host.balance(customer)).isEqualTo(LedgerAmount.of(7_500, JPY));
        assertThat(host.balance(clearing)).isEqualTo(LedgerAmount.of(2_500, JPY));
        assertThat(host.trialBalance(bank).balances()).isTrue();
    }

    @Test
    void aWithdrawalBeyondTheFundsIsRefusedAndChangesNothing() {
        BankRequest withdrawal = withdrawal(UUID.randomUUID(), "wd-" + UUID.randomUUID(), 10_001);

        gateway.send(bank, withdrawal);
        BankReply reply = awaitReply(withdrawal.correlationId());

        assertThat(reply.outcome()).isEqualTo(BankReply.Outcome.REFUSED);
        assertThat(reply.reason()).isEqualTo(BankRefusal.INSUFFICIENT_FUNDS);
        assertThat(host.balance(customer)).isEqualTo(LedgerAmount.of(10_000, JPY));
    }

    @Test
    void aBankPosTransferWithTheWrongPinIsRefusedAndChangesNothingWhileTheRightPinPays() {
        String terminal = "POS-" + randomCode(6);
        host.assignTerminal(terminal, merchant);

        UUID wrongCorrelation = UUID.randomUUID();
        BankRequest wrong = posTransfer(wrongCorrelation, "pos-" + UUID.randomUUID(), terminal,
                host.sealPin(bank, wrongCorrelation, "4321".toCharArray()));
        gateway.send(bank, wrong);
        BankReply refused = awaitReply(wrongCorrelation);

        assertThat(refused.outcome()).isEqualTo(BankReply.Outcome.REFUSED);
        assertThat(refused.reason()).isEqualTo(BankRefusal.WRONG_PIN);
        assertThat(refused.entryId()).isNull();
        assertThat(host.balance(customer)).isEqualTo(LedgerAmount.of(10_000, JPY));
        assertThat(host.balance(merchant)).isEqualTo(LedgerAmount.of(0, JPY));

        UUID rightCorrelation = UUID.randomUUID();
        BankRequest right = posTransfer(rightCorrelation, "pos-" + UUID.randomUUID(), terminal,
                host.sealPin(bank, rightCorrelation, "1234".toCharArray()));
        gateway.send(bank, right);
        BankReply approved = awaitReply(rightCorrelation);

        assertThat(approved.outcome()).isEqualTo(BankReply.Outcome.APPROVED);
        assertThat(host.balance(customer)).isEqualTo(LedgerAmount.of(9_000, JPY));
        assertThat(host.balance(merchant)).isEqualTo(LedgerAmount.of(1_000, JPY));
    }

    @Test
    void theDemoNetworkOpensTwoBanksWithAFundedCustomer() {
        for (String code : new String[] {"BANKA", "BANKB"}) {
            BankId demo = new BankId(code);
            assertThat(host.accountExists(new AccountNumber(demo, "1", "900"))).isTrue();
            assertThat(host.balance(new AccountNumber(demo, "1", "100")).currency()).isEqualTo(JPY);
            assertThat(host.trialBalance(demo).balances()).isTrue();
        }
    }

    @Test
    void aMalformedRequestIsDeadLettered() throws Exception {
        byte[] garbage = ("EMS-BANK/1 REQUEST\ncorrelation=not-a-uuid-" + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        ConnectionFactory cf = lookup("jms/ems/ConnectionFactory");
        try (JMSContext jms = cf.createContext()) {
            jms.createProducer().setProperty("ems_type", "bank.request").setProperty("ems_bank", bank.code())
                    .send((Queue) lookup("jms/ems/bank/Requests"), garbage);
        }

        Await.until("the malformed request on EMS.DLQ", TIMEOUT, () -> deadLettered(garbage).isPresent());
        assertThat(deadLettered(garbage).orElseThrow()).contains("malformed");
    }

    private BankRequest withdrawal(UUID correlation, String key, long amount) {
        return new BankRequest(correlation, key, BankRequest.Kind.WITHDRAWAL_TO_EMS, customer, clearing,
                LedgerAmount.of(amount, JPY), null, null, null);
    }

    private BankRequest posTransfer(UUID correlation, String key, String terminal, byte[] pinBlock) {
        return new BankRequest(correlation, key, BankRequest.Kind.POS_TRANSFER, customer, merchant,
                LedgerAmount.of(1_000, JPY), terminal, null, pinBlock);
    }

    private BankReply awaitReply(UUID correlation) {
        Await.until("the bank's reply to " + correlation, TIMEOUT, () -> replies.find(correlation).isPresent());
        return replies.find(correlation).orElseThrow();
    }

    /** The rejection reason of the dead-lettered copy of {@code body}, if it is on EMS.DLQ. */
    private static Optional<String> deadLettered(byte[] body) {
        try {
            ConnectionFactory cf = lookup("jms/ems/ConnectionFactory");
            Queue dlq = lookup("jms/ems/DeadLetter");
            try (JMSContext jms = cf.createContext()) {
                for (Object o : Collections.list(jms.createBrowser(dlq).getEnumeration())) {
                    Message m = (Message) o;
                    if (m instanceof BytesMessage bytes && "EMS.BANK.REQUEST".equals(m.getStringProperty("ems_origin"))
                            && bytes.getBodyLength() == body.length) {
                        byte[] read = new byte[body.length];
                        bytes.readBytes(read);
                        if (Arrays.equals(read, body)) {
                            return Optional.ofNullable(m.getStringProperty("ems_rejectionReason"));
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (NamingException | JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomCode(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return code.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) throws NamingException {
        return (T) new InitialContext().lookup(name);
    }
}
