package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jakarta.transaction.UserTransaction;
import java.security.SecureRandom;
import javax.naming.InitialContext;
import org.ems.network.application.NetworkContexts;
import org.ems.network.application.NetworkService;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkRepository;
import org.ems.network.domain.signon.ModuleSignOn;
import org.ems.network.infrastructure.InVmTransportChannel;
import org.ems.network.application.NetworkService.PartyView;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkServerId;
import org.ems.security.application.HierarchyInstallation;
import org.ems.security.application.PrimarySecurityServerService;
import org.ems.security.application.SecurityServerService;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Liberty, over the JMS transport: modules sign on through a network server and a security
 * server (figure 6), establish a session (figure 7) and exchange a message in it; a bad-listed
 * module is refused. Every protocol step is its own transaction, driven by the MDBs.
 */
@ExtendWith(ArquillianExtension.class)
class NetworkIT {

    private static final Duration PROTOCOL_TIMEOUT = Duration.ofSeconds(60);
    private static final NetworkServerId NS = new NetworkServerId("ns-it");

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(NetworkIT.class, Await.class);
    }

    private NetworkService network;
    private ModuleId securityServer;

    @BeforeEach
    void networkServerAndSecurityServer() {
        Beans.get(HierarchyInstallation.class).install();
        Certificate ss = Beans.get(PrimarySecurityServerService.class).createSecurityServer();
        securityServer = ss.subjectId();
        network = Beans.get(NetworkService.class);
        network.installNetworkServer(NS);
    }

    @Test
    void twoModulesSignOnEstablishASessionOverJmsAndExchangeAMessage() {
        ModuleId a = network.openModule(ModuleRole.TRANSACTION, securityServer, NS).subjectId();
        ModuleId b = network.openModule(ModuleRole.TELLER, securityServer, NS).subjectId();

        ConversationId signOnA = network.signOn(a, Optional.empty());
        ConversationId signOnB = network.signOn(b, Optional.empty());
        awaitOutcome(signOnA, "M:" + a.value(), "SIGNED_ON");
        awaitOutcome(signOnB, "M:" + b.value(), "SIGNED_ON");
        assertThat(network.moduleView(a).signedOn()).isTrue();
        assertThat(partiesOf(signOnA)).extracting(PartyView::outcome).contains("SIGNED_ON", "SIGN_ON_APPROVED");

        ConversationId session = network.establishSession(a, b);
        awaitOutcome(session, "M:" + a.value(), "SESSION_ESTABLISHED");
        awaitOutcome(session, "M:" + b.value(), "SESSION_ESTABLISHED");

        network.sendNotice(a, session, "hello from " + a.value());
        Await.until("B receives the notice", PROTOCOL_TIMEOUT, () -> network.notices(b).contains("hello from " + a.value()));
    }

    @Test
    void aBadListedModuleIsRefusedAtSignOn() {
        ModuleId c = network.openModule(ModuleRole.TRANSACTION, securityServer, NS).subjectId();
        long version = Beans.get(PrimarySecurityServerService.class).addToBadIdList(Set.of(c)).version();
        SecurityServerService securityServers = Beans.get(SecurityServerService.class);
        Await.until("the security network delivers the bad-ID list", PROTOCOL_TIMEOUT,
                () -> securityServers.securityServerSummary(securityServer).badIdListVersion() >= version);

        ConversationId signOn = network.signOn(c, Optional.empty());

        awaitOutcome(signOn, "M:" + c.value(), "SIGN_ON_DENIED_BAD_ID");
        assertThat(network.moduleView(c).signedOn()).isFalse();
        assertThat(partiesOf(signOn)).noneMatch(p -> "SIGNED_ON".equals(p.outcome()));
    }

    @Test
    void theInVmTransportDeliversAMessageOnlyWhenTheSendingTransactionCommits() throws Exception {
        ModuleId m = network.openModule(ModuleRole.TRANSACTION, securityServer, NS).subjectId();
        InVmTransportChannel inVm = Beans.get(InVmTransportChannel.class);
        UserTransaction tx = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");

        ConversationId rolledBack = ConversationId.random(new SecureRandom());
        tx.begin();
        inVm.send(signOnRequest(m, rolledBack));
        tx.rollback();
        ConversationId committed = ConversationId.random(new SecureRandom());
        tx.begin();
        inVm.send(signOnRequest(m, committed));
        tx.commit();

        // The network server's step ran in its own transaction and stored its side.
        Await.until("the network server takes the committed request", PROTOCOL_TIMEOUT,
                () -> partiesOf(committed).stream().anyMatch(p -> p.protocol().equals("NETWORK_SERVER_SIGN_ON")));
        assertThat(partiesOf(rolledBack)).isEmpty();
    }

    private static NetworkMessage signOnRequest(ModuleId module, ConversationId conversation) {
        HostedModule hosted = Beans.get(NetworkRepository.class).findModule(module).orElseThrow();
        return ModuleSignOn.start(Beans.get(NetworkContexts.class).module(hosted), conversation, Optional.empty(), Duration.ZERO)
                .outgoing().get(0);
    }

    private void awaitOutcome(ConversationId conversation, String party, String outcome) {
        Await.until(party + " reaches " + outcome + " in " + conversation, PROTOCOL_TIMEOUT,
                () -> partiesOf(conversation).stream().anyMatch(p -> p.party().contains(party.substring(2)) && outcome.equals(p.outcome())));
    }

    private List<PartyView> partiesOf(ConversationId conversation) {
        return network.conversation(conversation);
    }
}
