package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.settlement.application.CycleId;
import org.ems.settlement.application.CycleState;
import org.ems.settlement.application.CycleView;
import org.ems.settlement.application.SettlementCycles;
import org.ems.settlement.domain.CounterpartyId;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Liberty: confirmed trades arrive on EMS.SETTLEMENT.TRADES as EMS-TRADE/1 lines, the
 * TradeIntakeConsumer books them once however often they are sent, refused ones go to EMS.DLQ
 * with the reason, and closing the cycle at its cut-off nets the patent's example. Each test opens
 * a cycle of its own, since the server's data outlives a run.
 */
@ExtendWith(ArquillianExtension.class)
class SettlementIntakeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Long enough for the MDB to take the trades on a busy machine; the test waits for it before closing. */
    private static final Duration UNTIL_CUT_OFF = Duration.ofSeconds(30);
    private static final CounterpartyId A = new CounterpartyId("A");
    private static final CounterpartyId B = new CounterpartyId("B");
    private static final CounterpartyId C = new CounterpartyId("C");
    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");
    private static final List<String> PATENT_LINES = List.of(
            "EMS-TRADE/1 1 2026-12-01 A C 1000 JPY 1000 USD",
            "EMS-TRADE/1 2 2026-12-01 A B 500 USD 500 JPY",
            "EMS-TRADE/1 3 2026-12-01 B C 600 USD 600 JPY",
            "EMS-TRADE/1 4 2026-12-01 A B 900 JPY 900 USD");

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(SettlementIntakeIT.class, Await.class, HttpsClient.class, Json.class);
    }

    private SettlementCycles cycles;
    private CycleId cycle;
    private Instant cutOff;
    private JMSContext noticeContext;
    private JMSConsumer noticeConsumer;
    private final List<String> noticesReceived = new ArrayList<>();

    @BeforeEach
    void aFreshCycle() {
        cycles = Beans.get(SettlementCycles.class);
        cycle = new CycleId("IT-" + UUID.randomUUID().toString().substring(0, 8));
        cutOff = Instant.now().plus(UNTIL_CUT_OFF);
        subscribeToNotices();
        cycles.open(cycle, LocalDate.of(2026, 12, 1), cutOff, List.of(A, B, C));
    }

    @AfterEach
    void unsubscribe() {
        if (noticeContext != null) {
            noticeContext.close();
        }
    }

    /** Notices are published on a topic: the test subscribes to its cycle's before opening it. */
    private void subscribeToNotices() {
        try {
            noticeContext = ((ConnectionFactory) lookup("jms/ems/ConnectionFactory")).createContext();
            noticeConsumer = noticeContext.createConsumer((Topic) lookup("jms/ems/settlement/Notices"),
                    "ems_cycle = '" + cycle.value() + "'");
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tradesSentTwiceLandOnceAndClosingNetsThePatentExample() throws Exception {
        for (int round = 0; round < 2; round++) {
            for (String line : PATENT_LINES) {
                send(line, "ADD");
            }
        }
        Await.until("the trades of " + cycle + " booked and their messages consumed", TIMEOUT,
                () -> cycles.find(cycle).orElseThrow().trades() == 4 && pending().isEmpty());

        CycleView taken = cycles.find(cycle).orElseThrow();
        assertThat(taken.trades()).isEqualTo(4);
        assertThat(taken.rescinded()).isZero();
        assertThat(deadLettered()).as("a repeat is no refusal").isEmpty();

        Await.until("the cut-off of " + cycle, UNTIL_CUT_OFF.plus(TIMEOUT), () -> !Instant.now().isBefore(cutOff));
        CycleView closed = cycles.close(cycle);

        assertThat(closed.state()).isEqualTo(CycleState.CLOSED);
        assertThat(closed.positions()).extracting(p -> p.counterparty().code() + " " + p.net()).containsExactly(
                "A " + Money.of(JPY, 1400), "A " + Money.of(USD, -1400),
                "B " + Money.of(JPY, -1000), "B " + Money.of(USD, 1000),
                "C " + Money.of(JPY, -400), "C " + Money.of(USD, 400));
        assertThat(closed.funding()).allSatisfy(f -> {
            assertThat(f.gross().amountMinor()).isEqualTo(3000);
            assertThat(f.bilateral().amountMinor()).isEqualTo(2000);
            assertThat(f.multilateral().amountMinor()).isEqualTo(1400);
            assertThat(f.savingBasisPoints()).isEqualTo(5333);
        }).hasSize(2);
        Await.until("the CLOSED notice of " + cycle, TIMEOUT, () -> notices().stream().anyMatch(n -> n.contains(" CLOSED ")));
        assertThat(notices()).anySatisfy(n -> assertThat(n).startsWith("EMS-CYCLE-STATUS/1 " + cycle + " OPEN RCVD "))
                .anySatisfy(n -> assertThat(n).startsWith("EMS-CYCLE-STATUS/1 " + cycle + " CLOSED ACCP ").contains(" 4 6 0 0 0 "));

        send(PATENT_LINES.get(0), "ADD");
        Await.until("a late repeat consumed", TIMEOUT, () -> pending().isEmpty());
        CycleView after = cycles.find(cycle).orElseThrow();
        assertThat(after.trades()).as("a redelivery after closing changes nothing").isEqualTo(4);
        assertThat(after.state()).isEqualTo(CycleState.CLOSED);
        assertThat(after.positions()).isEqualTo(closed.positions());
        assertThat(after.funding()).isEqualTo(closed.funding());
        assertThat(deadLettered()).isEmpty();
    }

    @Test
    void aMalformedLineAndAnUnknownCounterpartyAreDeadLetteredWithTheReason() throws Exception {
        String malformed = "EMS-TRADE/1 7 2026-12-01 A C 01000 JPY 1000 USD";
        String stranger = "EMS-TRADE/1 8 2026-12-01 A D 1000 JPY 1000 USD";
        send(malformed, "ADD");
        send(stranger, "ADD");

        Await.until("both refused trades on EMS.DLQ", TIMEOUT, () -> deadLettered().size() == 2);
        assertThat(reasonFor(malformed)).hasValueSatisfying(r -> assertThat(r).startsWith("MALFORMED"));
        assertThat(reasonFor(stranger)).hasValueSatisfying(r -> assertThat(r).startsWith("UNKNOWN_COUNTERPARTY").contains("D"));
        CycleView view = cycles.find(cycle).orElseThrow();
        assertThat(view.trades()).isZero();
        assertThat(view.state()).isEqualTo(CycleState.OPEN);
    }

    @Test
    void theRestApiOpensSubmitsIdempotentlyRefusesAndRescinds() throws Exception {
        HttpsClient ops = HttpsClient.as("ops", "ops-dev-pw");
        String base = HttpsClient.HTTPS + "/api/settlement/cycles";
        String id = "REST-" + UUID.randomUUID().toString().substring(0, 8);
        String open = "{\"id\":\"" + id + "\",\"valueDate\":\"2026-12-01\",\"cutOff\":\"" + Instant.now().plus(Duration.ofHours(1))
                + "\",\"counterparties\":[\"A\",\"B\",\"C\"]}";
        assertThat(HttpsClient.as("csr", "csr-dev-pw").post(base, open).statusCode()).isEqualTo(403);
        assertThat(ops.post(base, open).statusCode()).isEqualTo(201);

        String trades = base + "/" + id + "/trades";
        assertThat(ops.post(trades, line(PATENT_LINES.get(0))).statusCode()).isEqualTo(201);
        assertThat(ops.post(trades, line(PATENT_LINES.get(0))).statusCode()).as("the same trade again").isEqualTo(200);
        HttpResponse<String> conflicting = ops.post(trades, line("EMS-TRADE/1 1 2026-12-01 A C 1001 JPY 1000 USD"));
        assertThat(conflicting.statusCode()).isEqualTo(422);
        assertThat(conflicting.body()).contains("trade.CONFLICTING_DUPLICATE");
        HttpResponse<String> stranger = ops.post(trades, line("EMS-TRADE/1 2 2026-12-01 A D 1000 JPY 1000 USD"));
        assertThat(stranger.statusCode()).isEqualTo(422);
        assertThat(stranger.body()).contains("trade.UNKNOWN_COUNTERPARTY");
        assertThat(ops.post(trades, line("EMS-TRADE/1 2 2026-12-01 A C 01 JPY 1000 USD")).body()).contains("trade.MALFORMED");

        assertThat(ops.post(base + "/" + id + "/closing", "").statusCode()).as("before the cut-off").isEqualTo(409);
        assertThat(delete(trades + "/1").body()).contains("\"rescinded\":true").contains("\"changed\":true");
        assertThat(delete(trades + "/1").body()).contains("\"changed\":false");
        HttpResponse<String> view = ops.get(base + "/" + id);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(Json.longField(view.body(), "trades")).isZero();
        assertThat(Json.longField(view.body(), "rescinded")).isEqualTo(1);
        assertThat(view.body()).contains("\"state\":\"OPEN\"");
        assertThat(ops.get(base + "/NO-" + id).statusCode()).isEqualTo(404);
    }

    /**
     * HttpsClient has no DELETE: this one, for localhost only, trusts the server's generated
     * certificate as HttpsClient does.
     */
    private static HttpResponse<String> delete(String url) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLParameters noHostname = new SSLParameters();
        noHostname.setEndpointIdentificationAlgorithm(null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).sslParameters(noHostname).build();
        String basic = Base64.getEncoder().encodeToString("ops:ops-dev-pw".getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String line(String line) {
        return "{\"line\":\"" + line + "\"}";
    }

    private void send(String line, String command) throws NamingException {
        ConnectionFactory cf = lookup("jms/ems/ConnectionFactory");
        try (JMSContext jms = cf.createContext()) {
            jms.createProducer()
                    .setProperty("ems_type", "settlement.trade")
                    .setProperty("ems_cycle", cycle.value())
                    .setProperty("ems_command", command)
                    .send((Queue) lookup("jms/ems/settlement/Trades"), line);
        }
    }

    /** This cycle's messages still on EMS.SETTLEMENT.TRADES. */
    private List<String> pending() {
        return texts("jms/ems/settlement/Trades", null);
    }

    /** This cycle's trade messages on EMS.DLQ. */
    private List<String> deadLettered() {
        return texts("jms/ems/DeadLetter", "EMS.SETTLEMENT.TRADES");
    }

    /** Every notice of this cycle published since the test subscribed, in order. */
    private List<String> notices() {
        for (Message m = noticeConsumer.receiveNoWait(); m != null; m = noticeConsumer.receiveNoWait()) {
            noticesReceived.add(text(m));
        }
        return List.copyOf(noticesReceived);
    }

    private Optional<String> reasonFor(String line) {
        return messages("jms/ems/DeadLetter", "EMS.SETTLEMENT.TRADES").stream().filter(m -> line.equals(text(m))).findFirst()
                .map(m -> property(m, "ems_rejectionReason"));
    }

    private List<String> texts(String queue, String origin) {
        return messages(queue, origin).stream().map(SettlementIntakeIT::text).toList();
    }

    /** The TextMessages of this cycle on {@code queue} (from {@code origin}, if given). */
    private List<Message> messages(String queue, String origin) {
        try {
            ConnectionFactory cf = lookup("jms/ems/ConnectionFactory");
            List<Message> found = new ArrayList<>();
            try (JMSContext jms = cf.createContext()) {
                for (Object o : Collections.list(jms.createBrowser((Queue) lookup(queue)).getEnumeration())) {
                    Message m = (Message) o;
                    if (m instanceof TextMessage && cycle.value().equals(m.getStringProperty("ems_cycle"))
                            && (origin == null || origin.equals(m.getStringProperty("ems_origin")))) {
                        found.add(m);
                    }
                }
            }
            return found;
        } catch (NamingException | JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) throws NamingException {
        return (T) new InitialContext().lookup(name);
    }
}
