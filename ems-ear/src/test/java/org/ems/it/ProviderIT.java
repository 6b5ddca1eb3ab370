package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ems.bank.application.BankHostService;
import org.ems.bank.domain.AccountKind;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.LedgerAmount;
import org.ems.provider.application.MerchantTerminalService;
import org.ems.provider.application.MerchantTerminalService.SettlementRequest;
import org.ems.provider.application.ProviderAdministration;
import org.ems.provider.application.ProviderHostService;
import org.ems.provider.application.ProviderTerminalService;
import org.ems.provider.application.TerminalLine;
import org.ems.provider.domain.CallbackCall;
import org.ems.provider.domain.Charge;
import org.ems.provider.domain.EmoneyIssue;
import org.ems.provider.domain.ProviderRefusal;
import org.ems.provider.domain.ProviderRefusedException;
import org.ems.provider.domain.SettlementBatch;
import org.ems.provider.domain.SettlementInstruction;
import org.ems.provider.domain.SettlementKey;
import org.ems.provider.domain.Terminal;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The e-money provider scheme of JP H9-147043 inside Liberty: every bank-POS transfer goes through
 * the relay centre and the JMS bank gateway to the demo banks BANKA and BANKB, where the demo
 * network opened the provider's accounts. The patent's example: user #1 (bank A) and user #2
 * (bank B) charge their IC cards at a provider terminal, each buys at merchant a (bank A) and
 * merchant b (bank B), both merchants settle. Each step is one EJB call, its own transaction.
 * Accounts, terminals and cards are fresh per run (the server's database outlives a run), so the
 * provider's balances are compared as changes over the run.
 */
@ExtendWith(ArquillianExtension.class)
class ProviderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String JPY = "JPY";
    private static final BankId A = new BankId("BANKA");
    private static final BankId B = new BankId("BANKB");

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(ProviderIT.class, Await.class, HttpsClient.class, Json.class);
    }

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    private final String digits = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);

    private BankHostService banks;
    private ProviderAdministration admin;
    private ProviderHostService host;
    private ProviderTerminalService chargers;
    private MerchantTerminalService merchants;
    private TerminalLine line;
    private AccountNumber providerA;
    private AccountNumber providerB;

    @BeforeEach
    void theDemoProvider() {
        banks = Beans.get(BankHostService.class);
        admin = Beans.get(ProviderAdministration.class);
        host = Beans.get(ProviderHostService.class);
        chargers = Beans.get(ProviderTerminalService.class);
        merchants = Beans.get(MerchantTerminalService.class);
        line = Beans.get(TerminalLine.class);
        providerA = admin.providerAccountAt(A);
        providerB = admin.providerAccountAt(B);
    }

    @Test
    void twoUsersAtTwoBanksBuyAtTwoMerchantsAndEveryLedgerBalances() {
        long providerABefore = banks.balance(providerA).minor();
        long providerBBefore = banks.balance(providerB).minor();
        long outstandingBefore = admin.outstandingEmoney(JPY).minor();
        AccountNumber user1 = customer(A, "1", "1111", 50_000);
        AccountNumber user2 = customer(B, "2", "2222", 50_000);
        String pt = "PT" + run;
        String ma = "MA" + run;
        String mb = "MB" + run;
        AccountNumber merchantA = merchant(A, "3", ma);
        AccountNumber merchantB = merchant(B, "4", mb);
        providerTerminal(pt);
        String card1 = "C1" + run;
        String card2 = "C2" + run;
        admin.issueCard(card1, JPY, "1357".toCharArray());
        admin.issueCard(card2, JPY, "2468".toCharArray());

        // Figure 6: each user charges a card; the sale goes to the provider's account at the user's bank.
        charge(pt, "c1", user1, "1111", 10_000, card1, "1357");
        charge(pt, "c2", user2, "2222", 8_000, card2, "2468");
        assertThat(banks.balance(providerA).minor() - providerABefore).isEqualTo(10_000);
        assertThat(banks.balance(providerB).minor() - providerBBefore).isEqualTo(8_000);
        assertThat(admin.cardBalance(card1)).isEqualTo(jpy(10_000));
        assertThat(admin.cardBalance(card2)).isEqualTo(jpy(8_000));

        // Figure 7: each user buys at both merchants, offline.
        sell(ma, "s1", card1, "1357", 3_000);
        sell(mb, "s2", card1, "1357", 2_000);
        sell(ma, "s3", card2, "2468", 1_500);
        sell(mb, "s4", card2, "2468", 2_500);
        assertThat(merchants.heldTotal(ma, JPY)).isEqualTo(jpy(4_500));

        // Figure 8: both merchants settle; the provider pays each at the merchant's own bank.
        SettlementKey keyA = settle(ma);
        SettlementKey keyB = settle(mb);
        assertThat(awaitSettled(ma, keyA)).isEqualTo(SettlementBatch.State.SETTLED);
        assertThat(awaitSettled(mb, keyB)).isEqualTo(SettlementBatch.State.SETTLED);

        // Every bank ledger balances; the provider's accounts hold exactly the e-money still on the cards.
        assertThat(banks.trialBalance(A).balances()).isTrue();
        assertThat(banks.trialBalance(B).balances()).isTrue();
        long providerGain = banks.balance(providerA).minor() - providerABefore + banks.balance(providerB).minor() - providerBBefore;
        long onCards = admin.cardBalance(card1).minor() + admin.cardBalance(card2).minor();
        assertThat(onCards).isEqualTo(5_000 + 4_000);
        assertThat(providerGain).isEqualTo(onCards);
        assertThat(admin.outstandingEmoney(JPY).minor() - outstandingBefore).isEqualTo(onCards);
        assertThat(banks.balance(providerA).minor() - providerABefore).isEqualTo(10_000 - 4_500);
        assertThat(banks.balance(providerB).minor() - providerBBefore).isEqualTo(8_000 - 4_500);
        // Each merchant received its sales, each user paid its charge, no e-money is left in the terminals.
        assertThat(banks.balance(merchantA)).isEqualTo(jpy(4_500));
        assertThat(banks.balance(merchantB)).isEqualTo(jpy(4_500));
        assertThat(banks.balance(user1)).isEqualTo(jpy(40_000));
        assertThat(banks.balance(user2)).isEqualTo(jpy(42_000));
        assertThat(merchants.heldTotal(ma, JPY)).isEqualTo(jpy(0));
        assertThat(merchants.heldTotal(mb, JPY)).isEqualTo(jpy(0));
    }

    @Test
    void aWrongCallbackAnswerAndAReplayedSettlementAreRefusedAndPayNothing() {
        AccountNumber user = customer(A, "5", "1111", 20_000);
        String pt = "PT" + run;
        String ma = "MA" + run;
        AccountNumber merchant = merchant(A, "6", ma);
        providerTerminal(pt);
        String card = "C3" + run;
        admin.issueCard(card, JPY, "1357".toCharArray());
        charge(pt, "c1", user, "1111", 5_000, card, "1357");
        sell(ma, "s1", card, "1357", 2_000);

        // The merchant terminal presents its batch; a wrong answer to the host's call is refused and uses the call up.
        SettlementRequest batch = merchants.startSettlement(ma, merchants.businessDay());
        CallbackCall call = host.requestSettlement(batch.key(), batch.total(), batch.pieces());
        byte[] answer = line.answer(ma, call);
        byte[] wrong = answer.clone();
        wrong[0] ^= 1;
        assertThat(host.answerSettlementCallback(call.challengeId(), wrong).refusal()).isEqualTo(ProviderRefusal.WRONG_ANSWER);
        assertThat(host.answerSettlementCallback(call.challengeId(), answer).refusal()).isEqualTo(ProviderRefusal.CHALLENGE_USED);

        // "Settle" again presents the same batch under its key; this time it is paid.
        SettlementKey key = settle(ma);
        assertThat(key).isEqualTo(batch.key());
        assertThat(awaitSettled(ma, key)).isEqualTo(SettlementBatch.State.SETTLED);
        assertThat(banks.balance(merchant)).isEqualTo(jpy(2_000));
        long providerAfter = banks.balance(providerA).minor();

        // The settled e-money presented again under another key is refused by the host: no transfer is instructed.
        SettlementKey replayKey = new SettlementKey(ma, key.businessDay(), SettlementKey.MAX_SEQUENCE);
        CallbackCall replay = host.requestSettlement(replayKey, batch.total(), batch.pieces());
        byte[] replayAnswer = line.answer(ma, replay);
        assertThat(host.answerSettlementCallback(replay.challengeId(), replayAnswer).refusal()).isEqualTo(ProviderRefusal.SETTLEMENT_REPLAYED);
        assertThat(banks.balance(merchant)).isEqualTo(jpy(2_000));
        assertThat(banks.balance(providerA).minor()).isEqualTo(providerAfter);
        assertThat(banks.trialBalance(A).balances()).isTrue();
    }

    @Test
    void theRestApiRunsAChargeASaleAndASettlementAndAnswersRefusalsAsProblems() throws Exception {
        HttpsClient ops = HttpsClient.as("ops", "ops-dev-pw");
        String api = HttpsClient.HTTPS + "/api/provider";
        AccountNumber user = customer(B, "7", "4321", 30_000);
        AccountNumber merchant = new AccountNumber(B, "7", digits + "8");
        banks.openCustomerAccount(merchant, "Shop " + run, JPY, AccountKind.DEPOSIT, 0, "8642".toCharArray());
        String pt = "RP" + run;
        String mt = "RM" + run;
        String card = "RC" + run;

        assertThat(ops.post(api + "/terminals", "{\"terminalId\":\"" + pt + "\",\"kind\":\"PROVIDER\"}").statusCode()).isEqualTo(201);
        assertThat(ops.post(api + "/terminals", "{\"terminalId\":\"" + mt + "\",\"kind\":\"MERCHANT\",\"merchantAccount\":\"" + merchant
                + "\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> again = ops.post(api + "/terminals", "{\"terminalId\":\"" + mt + "\",\"kind\":\"MERCHANT\",\"merchantAccount\":\""
                + merchant + "\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(ops.post(api + "/cards", "{\"cardId\":\"" + card + "\",\"currency\":\"JPY\",\"pin\":\"1357\"}").statusCode())
                .isEqualTo(201);

        String chargeBody = "{\"chargeKey\":\"k1\",\"account\":\"" + user + "\",\"pin\":\"4321\",\"amount\":{\"minor\":6000,\"currency\":\"JPY\"}}";
        HttpResponse<String> charged = ops.post(api + "/provider-terminals/" + pt + "/charges", chargeBody);
        assertThat(charged.statusCode()).as(charged.body()).isEqualTo(202);
        String chargeId = stringField(charged.body(), "id");
        assertThat(stringField(ops.post(api + "/provider-terminals/" + pt + "/charges", chargeBody).body(), "id")).isEqualTo(chargeId);
        Await.until("the bank's answer to the charge", TIMEOUT, () -> approved(UUID.fromString(chargeId)));

        HttpResponse<String> wrongPin = ops.post(api + "/provider-terminals/" + pt + "/charges/" + chargeId + "/card",
                "{\"cardId\":\"" + card + "\",\"pin\":\"0000\"}");
        assertThat(wrongPin.statusCode()).isEqualTo(422);
        assertThat(stringField(wrongPin.body(), "code")).isEqualTo("provider.WRONG_CARD_PIN");
        HttpResponse<String> inserted = ops.post(api + "/provider-terminals/" + pt + "/charges/" + chargeId + "/card",
                "{\"cardId\":\"" + card + "\",\"pin\":\"1357\"}");
        assertThat(inserted.statusCode()).as(inserted.body()).isEqualTo(200);
        assertThat(stringField(inserted.body(), "state")).isEqualTo("ISSUED");
        assertThat(Json.longField(inserted.body(), "minor")).isEqualTo(6_000);

        String sale = "{\"saleKey\":\"s1\",\"cardId\":\"" + card + "\",\"pin\":\"1357\",\"price\":{\"minor\":2500,\"currency\":\"JPY\"}}";
        HttpResponse<String> sold = ops.post(api + "/merchant-terminals/" + mt + "/sales", sale);
        assertThat(sold.statusCode()).as(sold.body()).isEqualTo(201);
        assertThat(ops.post(api + "/merchant-terminals/" + mt + "/sales", sale).statusCode()).isEqualTo(201); // a repeat moves nothing
        HttpResponse<String> tooMuch = ops.post(api + "/merchant-terminals/" + mt + "/sales",
                "{\"saleKey\":\"s2\",\"cardId\":\"" + card + "\",\"pin\":\"1357\",\"price\":{\"minor\":9000,\"currency\":\"JPY\"}}");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(stringField(tooMuch.body(), "code")).isEqualTo("provider.INSUFFICIENT_EMONEY");

        HttpResponse<String> settling = ops.post(api + "/merchant-terminals/" + mt + "/settlements", "{}");
        assertThat(settling.statusCode()).as(settling.body()).isEqualTo(202);
        String day = stringField(settling.body(), "businessDay");
        long sequence = Json.longField(settling.body(), "sequence");
        String completion = api + "/merchant-terminals/" + mt + "/settlements/" + day + "/" + sequence + "/completion";
        Await.until("the bank's answer to the settlement", TIMEOUT, () -> "SETTLED".equals(stringField(post(ops, completion), "state")));
        assertThat(banks.balance(merchant)).isEqualTo(jpy(2_500));
        assertThat(banks.balance(user)).isEqualTo(jpy(24_000));
        HttpResponse<String> nothing = ops.post(api + "/merchant-terminals/" + mt + "/settlements", "{}");
        assertThat(stringField(nothing.body(), "code")).isEqualTo("provider.NOTHING_TO_SETTLE");

        HttpResponse<String> position = ops.get(api + "/position");
        assertThat(position.statusCode()).isEqualTo(200);
        assertThat(position.body()).contains("\"bank\":\"BANKA\"", "\"bank\":\"BANKB\"", "\"covered\":true");
        assertThat(HttpsClient.as("csr", "csr-dev-pw").get(api + "/position").statusCode()).isEqualTo(403);
        assertThat(admin.cardBalance(card)).isEqualTo(jpy(3_500));
    }

    // ---- the parties' steps

    private AccountNumber customer(BankId bank, String suffix, String pin, long funded) {
        AccountNumber account = new AccountNumber(bank, "7", digits + suffix);
        banks.openCustomerAccount(account, "User " + run + suffix, JPY, AccountKind.DEPOSIT, 0, pin.toCharArray());
        if (funded > 0) {
            banks.fund("fund-" + account, new AccountNumber(bank, "1", "901"), account, jpy(funded));
        }
        return account;
    }

    /** The merchant's bank assigns the terminal id to the merchant's account; the provider registers the terminal. */
    private AccountNumber merchant(BankId bank, String suffix, String terminalId) {
        AccountNumber account = customer(bank, suffix, "8642", 0);
        banks.assignTerminal(terminalId, account);
        admin.registerMerchantTerminal(terminalId, account);
        return account;
    }

    private void providerTerminal(String terminalId) {
        admin.registerProviderTerminal(terminalId);
        banks.assignTerminal(Terminal.providerPosId(terminalId, A), providerA);
        banks.assignTerminal(Terminal.providerPosId(terminalId, B), providerB);
    }

    private void charge(String terminal, String key, AccountNumber user, String bankPin, long amount, String card, String cardPin) {
        UUID chargeId = chargers.charge(terminal, key, user, bankPin.toCharArray(), jpy(amount));
        assertThat(chargers.charge(terminal, key, user, bankPin.toCharArray(), jpy(amount))).isEqualTo(chargeId);
        Await.until("the bank's answer to charge " + key, TIMEOUT, () -> approved(chargeId));
        assertThat(chargers.insertCard(chargeId, card, cardPin.toCharArray()).value()).isEqualTo(Charge.State.CARD_INSERTED);
        CallbackCall call = host.requestEmoney(terminal, chargeId);
        EmoneyIssue issue = host.answerEmoneyCallback(call.challengeId(), line.answer(terminal, call)).orThrow();
        assertThat(issue.amount()).isEqualTo(jpy(amount));
        chargers.writeEmoney(chargeId, issue);
    }

    /** Whether the bank's approval has reached the charge; a charge not yet answered is refused and changes nothing. */
    private boolean approved(UUID chargeId) {
        try {
            // A card insertion for an unknown card reads the bank's reply first, then is refused (and rolled back).
            chargers.insertCard(chargeId, "NO-CARD-" + run, "0000".toCharArray());
            throw new AssertionError("an unknown card was taken");
        } catch (ProviderRefusedException refused) {
            if (refused.reason() == ProviderRefusal.SALE_NOT_APPROVED) {
                return false;
            }
            assertThat(refused.reason()).isEqualTo(ProviderRefusal.UNKNOWN_CARD);
            return true;
        }
    }

    private void sell(String terminal, String key, String card, String pin, long price) {
        assertThat(merchants.sell(terminal, key, card, pin.toCharArray(), jpy(price)).isDone()).isTrue();
    }

    /** "Settle" at the merchant terminal: batch, host's call back answered, instruction, transfer sent. */
    private SettlementKey settle(String terminal) {
        SettlementRequest batch = merchants.startSettlement(terminal, merchants.businessDay());
        CallbackCall call = host.requestSettlement(batch.key(), batch.total(), batch.pieces());
        SettlementInstruction instruction = host.answerSettlementCallback(call.challengeId(), line.answer(terminal, call)).orThrow();
        merchants.transfer(terminal, instruction);
        return batch.key();
    }

    private SettlementBatch.State awaitSettled(String terminal, SettlementKey key) {
        Await.until("the bank's answer to " + key, TIMEOUT,
                () -> merchants.completeSettlement(terminal, key) != SettlementBatch.State.TRANSFER_SENT);
        return merchants.completeSettlement(terminal, key);
    }

    private static String post(HttpsClient client, String url) {
        try {
            return client.post(url, "").body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String stringField(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no string field " + field + " in " + json);
        }
        return m.group(1);
    }

    private static LedgerAmount jpy(long minor) {
        return LedgerAmount.of(minor, JPY);
    }
}
