package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.ems.csm.application.CustomerServiceFacade;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.application.PaymentService;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The settlement REST calls and the lost-notes claim download over HTTPS, as operators and CSRs
 * call them (the test runs inside the server only to prepare modules, accounts and sessions): the
 * demo settlement agents connected, refused registrations, an unknown cycle, a gross instruction
 * submitted twice stored once and its two notifications on the notices topic, and a claim file the
 * CSM accepts.
 */
@ExtendWith(ArquillianExtension.class)
class SettlementRestIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String API = HttpsClient.HTTPS + "/api/settlement";
    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    private static final Duration PAY_IN_WINDOW = Duration.ofSeconds(60);
    private static final HttpsClient OPS = HttpsClient.as("ops", "ops-dev-pw");
    private static final HttpsClient CSR = HttpsClient.as("csr", "csr-dev-pw");

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(SettlementRestIT.class, SettlementBank.class, SettlementBank.Funding.class, Await.class,
                HttpsClient.class, Json.class);
    }

    @Test
    void theDirectoryListsTheDemoAgentsConnectedUnderTheMsc() throws Exception {
        Await.until("the demo CSAs connected to MSA1", TIMEOUT, () -> List.of("MSA1", "A", "B", "C").stream()
                .allMatch(id -> get(API + "/agents/" + id).contains("\"connected\":true")));

        String all = get(API + "/agents");
        assertThat(all).contains("\"id\":\"MSA1\"").contains("\"id\":\"A\"").contains("\"id\":\"B\"").contains("\"id\":\"C\"")
                .contains("\"role\":\"MSC\"");
        assertThat(get(API + "/agents/A")).contains("\"role\":\"CSA\"").contains("\"parent\":\"MSA1\"");
        assertThat(get(API + "/agents/MSA1")).contains("\"role\":\"MSA\"");
        String work = get(API + "/agents/A/cycles/NONE-" + run);
        assertThat(work).contains("\"work\":[]").contains("\"cycle\":\"NONE-" + run + "\"");
        assertThat(CSR.get(API + "/agents").statusCode()).as("agents are for operators").isEqualTo(403);
        assertThat(OPS.get(API + "/agents/NOBODY").statusCode()).isEqualTo(404);
    }

    @Test
    void badRegistrationsAreRefusedAndTheSameOneAgainReturnsTheAgent() throws Exception {
        Await.until("demo CSA A registered", TIMEOUT, () -> status(API + "/agents/A") == 200);
        long moduleOfA = Json.longField(get(API + "/agents/A"), "module");

        assertThat(OPS.post(API + "/agents", "{\"id\":\"a b\",\"role\":\"CSA\",\"module\":" + moduleOfA + ",\"parent\":\"MSA1\"}").statusCode())
                .as("malformed id").isEqualTo(400);
        assertThat(OPS.post(API + "/agents", "{\"id\":\"X" + run + "\",\"role\":\"BANK\",\"module\":" + moduleOfA + "}").statusCode())
                .as("unknown role").isEqualTo(400);
        assertThat(OPS.post(API + "/agents", "{\"id\":\"X" + run + "\",\"role\":\"CSA\",\"parent\":\"MSA1\"}").statusCode())
                .as("no module").isEqualTo(400);
        HttpResponse<String> takenModule = OPS.post(API + "/agents",
                "{\"id\":\"X" + run + "\",\"role\":\"CSA\",\"module\":" + moduleOfA + ",\"parent\":\"MSA1\"}");
        assertThat(takenModule.statusCode()).as("A's module").isEqualTo(409);
        assertThat(takenModule.body()).contains("\"code\":\"conflict\"");
        assertThat(OPS.post(API + "/agents", "{\"id\":\"A\",\"role\":\"CSA\",\"module\":" + moduleOfA + ",\"parent\":\"A\"}").statusCode())
                .as("A registered otherwise").isEqualTo(409);
        assertThat(OPS.post(API + "/agents", "{\"id\":\"X" + run + "\",\"role\":\"MSA\",\"module\":" + moduleOfA + "}").statusCode())
                .as("an MSA without parent").isEqualTo(400);
        assertThat(OPS.get(API + "/agents/X" + run).statusCode()).as("nothing registered").isEqualTo(404);

        HttpResponse<String> again = OPS.post(API + "/agents", "{\"id\":\"A\",\"role\":\"CSA\",\"module\":" + moduleOfA + ",\"parent\":\"MSA1\"}");
        assertThat(again.statusCode()).as("the same registration again").isEqualTo(200);
        assertThat(Json.longField(again.body(), "module")).isEqualTo(moduleOfA);
        assertThat(OPS.post(API + "/agents/X" + run + "/connection", "").statusCode()).isEqualTo(404);
        assertThat(OPS.post(API + "/agents/MSA1/cycles/C1/funds-acquired", "").statusCode()).as("not a CSA").isEqualTo(400);
        assertThat(OPS.post(API + "/agents/X" + run + "/cycles/C1/funds-acquired", "").statusCode()).isEqualTo(404);
    }

    @Test
    void startingAnUnknownCycleIs404AndAnOpenOne409() throws Exception {
        String now = "{\"settlementTime\":\"" + Instant.now().plusSeconds(60) + "\"}";
        assertThat(OPS.post(API + "/cycles/NO-" + run + "/settlement", now).statusCode()).isEqualTo(404);
        assertThat(OPS.get(API + "/cycles/NO-" + run + "/settlement").statusCode()).isEqualTo(404);

        String cycle = "OPEN-" + run;
        assertThat(OPS.post(API + "/cycles", "{\"id\":\"" + cycle + "\",\"valueDate\":\"2026-12-01\",\"cutOff\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\",\"counterparties\":[\"A\",\"B\",\"C\"]}").statusCode()).isEqualTo(201);
        assertThat(OPS.post(API + "/cycles/" + cycle + "/settlement", "{\"settlementTime\":\"soon\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> open = OPS.post(API + "/cycles/" + cycle + "/settlement", now);
        assertThat(open.statusCode()).as("not CLOSED").isEqualTo(409);
        assertThat(open.body()).contains("not CLOSED");
        assertThat(OPS.get(API + "/cycles/" + cycle + "/settlement").statusCode()).as("not started").isEqualTo(404);
        assertThat(get(API + "/cycles/" + cycle)).contains("\"state\":\"OPEN\"");
    }

    @Test
    void aGrossInstructionSubmittedTwiceIsStoredOnceAndBothSidesAreNotifiedOnTheTopic() throws Exception {
        SettlementBank bank = new SettlementBank(List.of(USD));
        List<ModuleId> pair = bank.signedOnModules(2);
        NetworkService network = Beans.get(NetworkService.class);
        ConversationId session = network.establishSession(pair.get(0), pair.get(1));
        Await.until("the pair's session established", TIMEOUT, () -> network.conversation(session).stream()
                .filter(p -> "SESSION".equals(p.protocol())).filter(p -> p.settled() && "SESSION_ESTABLISHED".equals(p.outcome())).count() == 2);
        String id = "G-" + run;
        String terms = "{\"id\":\"" + id + "\",\"basis\":\"GROSS\",\"a\":" + pair.get(0).value() + ",\"b\":" + pair.get(1).value()
                + ",\"session\":\"" + session + "\",\"aSends\":[{\"minor\":100,\"currency\":\"USD\"}],\"bSends\":[],\"settleAt\":\""
                + Instant.now().plusSeconds(5) + "\"}";

        try (JMSContext jms = ((ConnectionFactory) lookup("jms/ems/ConnectionFactory")).createContext()) {
            JMSConsumer notices = jms.createConsumer((Topic) lookup("jms/ems/settlement/Notices"), "ems_instruction = '" + id + "'");
            HttpResponse<String> first = OPS.post(API + "/instructions", terms);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            HttpResponse<String> second = OPS.post(API + "/instructions", terms);
            assertThat(second.statusCode()).as("the same terms again").isEqualTo(200);
            assertThat(second.body()).contains("\"id\":\"" + id + "\"");
            HttpResponse<String> other = OPS.post(API + "/instructions", terms.replace("\"minor\":100", "\"minor\":101"));
            assertThat(other.statusCode()).as("other terms under the id").isEqualTo(409);
            assertThat(OPS.post(API + "/instructions", terms.replace("\"GROSS\"", "\"NET\"")).statusCode()).isEqualTo(400);
            assertThat(OPS.post(API + "/instructions", terms.replace(id, "H-" + run).replace(session.toString(), "00".repeat(16)))
                    .statusCode()).as("no such session").isEqualTo(409);
            assertThat(OPS.get(API + "/instructions/H-" + run).statusCode()).as("nothing stored").isEqualTo(404);
            assertThat(get(API + "/instructions/" + id)).contains("\"phase\":\"").contains("\"minor\":100").contains("\"type\":\"CURRENCY\"")
                    .contains("\"session\":\"" + session + "\"");

            // A holds no dollars: at the settlement time both are told FAILED (step 3142), once each, on the topic.
            List<String> received = new ArrayList<>();
            Await.until("both sides' notices", TIMEOUT, () -> {
                for (Message m = notices.receiveNoWait(); m != null; m = notices.receiveNoWait()) {
                    received.add(text(m));
                }
                return received.size() >= 2;
            });
            assertThat(received).hasSize(2)
                    .anySatisfy(n -> assertThat(n).startsWith("EMS-GROSS-STATUS/1 " + id + " A " + pair.get(0).value() + " FAILED RJCT ")
                            .contains("not ready"))
                    .anySatisfy(n -> assertThat(n).startsWith("EMS-GROSS-STATUS/1 " + id + " B " + pair.get(1).value() + " FAILED RJCT "));
            assertThat(get(API + "/instructions/" + id)).contains("\"phase\":\"FAILED\"");
        }
    }

    @Test
    void theClaimFileDownloadIsAFileTheCsmAccepts() throws Exception {
        SettlementBank bank = new SettlementBank(List.of(USD));
        ModuleId module = bank.signedOnModules(1).get(0);
        String claims = HttpsClient.HTTPS + "/api/customer-service/modules/" + module.value() + "/lost-notes-claims";
        assertThat(download(claims, "csr:csr-dev-pw").statusCode()).as("no profile: no CSM to seal to").isEqualTo(409);

        Money five = Money.of(USD, 500);
        bank.openAccounts(module, "R" + run, List.of(five));
        HttpResponse<byte[]> nothing = download(claims, "csr:csr-dev-pw");
        assertThat(nothing.statusCode()).isEqualTo(422);
        assertThat(new String(nothing.body(), StandardCharsets.UTF_8)).contains("claim.NOTHING_CLAIMED");
        bank.withdrawAll(List.of(new SettlementBank.Funding(module, five)));

        assertThat(download(claims, "ops:ops-dev-pw").statusCode()).as("claims are for CSRs").isEqualTo(403);
        HttpResponse<byte[]> file = download(claims, "csr:csr-dev-pw");
        assertThat(file.statusCode()).isEqualTo(201);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/octet-stream"));
        assertThat(file.body()).isNotEmpty();

        CustomerServiceFacade facade = Beans.get(CustomerServiceFacade.class);
        long csm = facade.profiles(module.value()).get(0).csm();
        CustomerServiceFacade.ClaimReceipt receipt = facade.claimLostModule(csm, file.body(), "Settlement member R" + run);
        assertThat(receipt.kind()).isEqualTo("LOST_MODULE");
        assertThat(receipt.totals()).containsExactly(five);
    }

    /**
     * The patent's cycle (trades 1-4 among A, B, C) through the demo agents, every settlement step
     * over REST: open, trades, close, start, funds acquired, phase; the debtors' modules are funded
     * by withdrawal (USD 14.00 for A, JPY 1000 for B, JPY 400 for C) before the MSC starts.
     */
    @Test
    void thePatentsExampleSettlesOverRestThroughTheDemoAgents() throws Exception {
        Await.until("the demo agents connected", TIMEOUT, () -> List.of("MSA1", "A", "B", "C").stream()
                .allMatch(id -> get(API + "/agents/" + id).contains("\"connected\":true")));
        ModuleId a = new ModuleId(Json.longField(get(API + "/agents/A"), "module"));
        ModuleId b = new ModuleId(Json.longField(get(API + "/agents/B"), "module"));
        ModuleId c = new ModuleId(Json.longField(get(API + "/agents/C"), "module"));
        PaymentService payments = Beans.get(PaymentService.class);
        long aJpy = payments.balance(a, JPY).amountMinor();
        long bUsd = payments.balance(b, USD).amountMinor();
        long cUsd = payments.balance(c, USD).amountMinor();

        String cycle = "PAT-" + run;
        Instant cutOff = Instant.now().plusSeconds(15);
        assertThat(OPS.post(API + "/cycles", "{\"id\":\"" + cycle + "\",\"valueDate\":\"2026-12-01\",\"cutOff\":\"" + cutOff
                + "\",\"counterparties\":[\"A\",\"B\",\"C\"]}").statusCode()).isEqualTo(201);
        for (String trade : List.of("1 2026-12-01 A C 1000 JPY 1000 USD", "2 2026-12-01 A B 500 USD 500 JPY",
                "3 2026-12-01 B C 600 USD 600 JPY", "4 2026-12-01 A B 900 JPY 900 USD")) {
            assertThat(OPS.post(API + "/cycles/" + cycle + "/trades", "{\"line\":\"EMS-TRADE/1 " + trade + "\"}").statusCode()).isEqualTo(201);
        }
        SettlementBank bank = new SettlementBank(List.of(USD, JPY));
        bank.openAccounts(a, "A" + run, List.of(Money.of(USD, 1400)));
        bank.openAccounts(b, "B" + run, List.of(Money.of(JPY, 1000)));
        bank.openAccounts(c, "C" + run, List.of(Money.of(JPY, 400)));
        bank.withdrawAll(List.of(new SettlementBank.Funding(a, Money.of(USD, 1400)), new SettlementBank.Funding(b, Money.of(JPY, 1000)),
                new SettlementBank.Funding(c, Money.of(JPY, 400))));
        Await.until("the cut-off of " + cycle, TIMEOUT, () -> !Instant.now().isBefore(cutOff));
        HttpResponse<String> closed = OPS.post(API + "/cycles/" + cycle + "/closing", "");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(closed.body()).contains("\"state\":\"CLOSED\"");

        Instant settlementTime = Instant.now().plus(PAY_IN_WINDOW);
        HttpResponse<String> started = OPS.post(API + "/cycles/" + cycle + "/settlement", "{\"settlementTime\":\"" + settlementTime + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(started.body()).contains("\"phase\":\"SETTLING\"").contains("\"state\":\"SETTLING\"");
        assertThat(get(API + "/cycles/" + cycle + "/settlement")).contains("\"phase\":\"SETTLING\"");
        for (String csa : List.of("A", "B", "C")) {
            Await.until(csa + " told its MSA the funds are in", TIMEOUT, () -> post(API + "/agents/" + csa + "/cycles/" + cycle + "/funds-acquired")
                    .contains("\"told\":true"));
        }

        Await.until("cycle " + cycle + " SETTLED", PAY_IN_WINDOW.plus(TIMEOUT),
                () -> get(API + "/cycles/" + cycle + "/settlement").contains("\"phase\":\"SETTLED\""));
        assertThat(get(API + "/cycles/" + cycle + "/settlement")).contains("\"state\":\"SETTLED\"").contains("\"failed\":0");
        for (String csa : List.of("A", "B", "C")) {
            Await.until(csa + " told SUCCESS", TIMEOUT, () -> get(API + "/agents/" + csa + "/cycles/" + cycle).contains("\"decision\":\"SUCCESS\""));
        }
        Await.until("the creditors paid out", TIMEOUT, () -> payments.balance(a, JPY).amountMinor() == aJpy + 1400
                && payments.balance(b, USD).amountMinor() == bUsd + 1000 && payments.balance(c, USD).amountMinor() == cUsd + 400);
    }

    private static String post(String url) {
        try {
            HttpResponse<String> response = OPS.post(url, "");
            assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String get(String url) {
        HttpResponse<String> response = call(url);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static int status(String url) {
        return call(url).statusCode();
    }

    private static HttpResponse<String> call(String url) {
        try {
            return OPS.get(url);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs without a body and reads the answer as bytes (HttpsClient reads text). */
    private static HttpResponse<byte[]> download(String url, String user) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(HttpsClient.trustAll()).sslParameters(HttpsClient.noHostnameCheck()).build();
        String basic = Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + basic)
                .header("Accept", "application/octet-stream, application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) throws NamingException {
        return (T) new InitialContext().lookup(name);
    }
}
