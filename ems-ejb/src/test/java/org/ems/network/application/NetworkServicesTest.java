package org.ems.network.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.network.application.NetworkService.PartyView;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-on and sessions run by the application layer in real JTA transactions (Hibernate + Derby
 * XA + Narayana): one step per transaction, state sealed per party, messages leaving only with
 * a committed step, redeliveries changing nothing, silent peers timing out.
 */
class NetworkServicesTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final NetworkServerId NS = new NetworkServerId("ns-test");

    private NetworkFixture f;
    private ModuleId ss;

    @BeforeEach
    void start() {
        f = new NetworkFixture("network" + RUN.incrementAndGet());
        f.security.tx(f.security.installation::install);
        ss = f.security.tx(f.security.primaries::createSecurityServer).subjectId();
        assertThat(f.security.tx(() -> f.network.installNetworkServer(NS))).isEqualTo(1);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void twoModulesSignOnEstablishASessionAndExchangeANotice() {
        ModuleId a = open(ModuleRole.TRANSACTION);
        ModuleId b = open(ModuleRole.TRANSACTION);

        ConversationId signOnA = f.security.tx(() -> f.network.signOn(a, Optional.empty()));
        f.pump();
        ConversationId signOnB = f.security.tx(() -> f.network.signOn(b, Optional.empty()));
        f.pump();

        assertThat(outcomes(signOnA)).containsExactlyInAnyOrder("SIGNED_ON", "SIGN_ON_APPROVED", "SIGNED_ON");
        assertThat(f.security.tx(() -> f.network.moduleView(a)).signedOn()).isTrue();
        assertThat(f.security.tx(() -> f.network.moduleView(b)).signedOn()).isTrue();

        ConversationId session = f.security.tx(() -> f.network.establishSession(a, b));
        f.pump();
        assertThat(outcomes(session)).containsExactly("SESSION_ESTABLISHED", "SESSION_ESTABLISHED");

        f.security.txRun(() -> f.network.sendNotice(a, session, "pay 10 USD"));
        f.pump();
        assertThat(f.security.tx(() -> f.network.notices(b))).containsExactly("pay 10 USD");
    }

    @Test
    void anExpiredModuleRecertifiesAtSignOnAndTheHierarchyRecordsTheNewCertificate() {
        ModuleId a = open(ModuleRole.TRANSACTION);
        java.time.Instant expiredAt = f.security.tx(() -> f.network.moduleView(a)).certificateExpiresAt();
        f.security.clock.advance(Duration.ofDays(366));

        ConversationId signOn = f.security.tx(() -> f.network.signOn(a, Optional.empty()));
        f.pump();

        assertThat(outcomes(signOn)).contains("SIGNED_ON", "SIGN_ON_APPROVED");
        java.time.Instant renewedUntil = f.security.tx(() -> f.network.moduleView(a)).certificateExpiresAt();
        assertThat(renewedUntil).isAfter(f.security.clock.instant()).isAfter(expiredAt);
        java.time.Instant recorded = f.security.harness.fromTransaction(
                em -> em.find(org.ems.security.domain.CertifiedModule.class, a.value()).expiresAt());
        assertThat(recorded).isEqualTo(renewedUntil);
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        ModuleId a = open(ModuleRole.TELLER);
        f.security.tx(() -> f.network.signOn(a, Optional.empty()));
        f.pump();
        List<NetworkMessage> everything = List.copyOf(f.transport.sent);
        int sentBefore = f.transport.sent.size();

        for (NetworkMessage message : everything) {
            f.security.txRun(() -> f.dispatcher.deliver(message));
        }

        assertThat(f.transport.sent).hasSize(sentBefore);
        assertThat(f.security.tx(() -> f.network.moduleView(a)).signedOn()).isTrue();
    }

    @Test
    void aSilentSecurityServerTimesTheSignOnOutAndLeavesNoSignOn() {
        ModuleId a = open(ModuleRole.TRANSACTION);
        ConversationId signOn = f.security.tx(() -> f.network.signOn(a, Optional.empty()));
        f.transport.queue.poll();           // the network loses the module's request: nobody answers
        assertThat(outcomes(signOn)).isEmpty();

        f.security.clock.advance(Duration.ofSeconds(10));
        f.fireDueTimers();                  // not yet due: nothing happens
        assertThat(outcomes(signOn)).isEmpty();

        f.security.clock.advance(Duration.ofSeconds(31));
        f.fireDueTimers();
        f.pump();

        assertThat(outcomes(signOn)).containsExactly("TIMED_OUT");
        assertThat(f.security.tx(() -> f.network.moduleView(a)).signedOn()).isFalse();
    }

    @Test
    void aStepThatRollsBackSendsNothingAndStoresNothing() {
        ModuleId a = open(ModuleRole.TRANSACTION);

        assertThatThrownBy(() -> f.security.txRun(() -> {
            f.network.signOn(a, Optional.empty());
            throw new IllegalStateException("the step's transaction fails after the send");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(f.transport.queue).isEmpty();
        long conversations = f.security.harness.fromTransaction(
                em -> em.createQuery("select count(c) from ProtocolConversation c", Long.class).getSingleResult());
        assertThat(conversations).isZero();
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        ModuleId a = open(ModuleRole.TRANSACTION);
        ModuleId b = open(ModuleRole.TRANSACTION);
        ConversationId session = f.security.tx(() -> f.network.establishSession(a, b));

        assertThatThrownBy(() -> f.security.tx(() -> f.network.signOn(new ModuleId(999), Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.security.txRun(() -> f.network.sendNotice(a, session, "too early")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not established");
        assertThatThrownBy(() -> f.security.txRun(() -> f.network.sendNotice(a, session, "")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.security.tx(() -> f.network.openModule(ModuleRole.SECURITY_SERVER, ss, NS)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(f.transport.queue).hasSize(1); // only the session request of the setup
    }

    @Test
    void aSignedOnModuleCannotSignOnTwice() {
        ModuleId a = open(ModuleRole.TRANSACTION);
        f.security.tx(() -> f.network.signOn(a, Optional.empty()));
        f.pump();

        assertThatThrownBy(() -> f.security.tx(() -> f.network.signOn(a, Optional.empty())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already signed on");
    }

    private ModuleId open(ModuleRole role) {
        return f.security.tx(() -> f.network.openModule(role, ss, NS)).subjectId();
    }

    private List<String> outcomes(ConversationId conversation) {
        return f.security.tx(() -> f.network.conversation(conversation)).stream()
                .map(PartyView::outcome).filter(o -> o != null).toList();
    }
}
