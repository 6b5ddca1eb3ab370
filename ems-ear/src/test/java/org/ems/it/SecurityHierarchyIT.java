package org.ems.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.transaction.UserTransaction;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.security.application.HierarchyInstallation;
import org.ems.security.application.PrimarySecurityServerService;
import org.ems.security.application.SecurityServerService;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.RejectionReason;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside Liberty: the security hierarchy's EJBs with Hibernate on the Derby XA data source
 * and the security network on the embedded messaging engine, exactly as deployed.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityHierarchyIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    @Deployment
    static EnterpriseArchive deployment() {
        return EmsDeployments.withTestClasses(SecurityHierarchyIT.class);
    }

    private PrimarySecurityServerService primaries;
    private SecurityServerService securityServers;
    private TrustAnchors trust;

    @BeforeEach
    void installHierarchy() {
        Beans.get(HierarchyInstallation.class).install();
        primaries = Beans.get(PrimarySecurityServerService.class);
        securityServers = Beans.get(SecurityServerService.class);
        trust = Beans.get(TrustAnchors.class);
    }

    @Test
    void certifiesASecurityServerAndAModuleThroughTheEjbsAndPersistsThem() {
        Certificate ss = primaries.createSecurityServer();
        Certificate module = securityServers.certifyModule(ss.subjectId(), ModuleRole.TRANSACTION, moduleKey().getPublic().getEncoded());

        // Read back from the database in new transactions: both certificates were persisted.
        assertThat(securityServers.securityServerSummary(ss.subjectId()).certificate()).isEqualTo(ss.encoded());
        assertThat(module.issuerCertificate()).contains(ss);
        assertThat(trust.scheme().isAuthentic(module.subjectId(), ModuleRole.TRANSACTION)).isTrue();
        securityServers.validateModule(ss.subjectId(), module.encoded(), ModuleRole.TRANSACTION);
    }

    @Test
    void aBadListedModuleIsRefusedOnceTheSecurityNetworkDeliversTheList() {
        Certificate ss = primaries.createSecurityServer();
        Certificate module = securityServers.certifyModule(ss.subjectId(), ModuleRole.TELLER, moduleKey().getPublic().getEncoded());

        BadIdList published = primaries.addToBadIdList(Set.of(module.subjectId()));

        await(() -> securityServers.securityServerSummary(ss.subjectId()).badIdListVersion() >= published.version());
        assertThatThrownBy(() -> securityServers.validateModule(ss.subjectId(), module.encoded(), ModuleRole.TELLER))
                .isInstanceOf(CertificateRejectedException.class)
                .extracting(e -> ((CertificateRejectedException) e).reason())
                .isEqualTo(RejectionReason.BAD_LISTED);
    }

    @Test
    void aDatabaseWriteAndItsJmsSendRollBackTogether() throws Exception {
        Certificate ss = primaries.createSecurityServer();
        long versionBefore = trust.latestBadIds().version();
        UserTransaction tx = lookup("java:comp/UserTransaction");

        tx.begin();
        BadIdList uncommitted = primaries.addToBadIdList(Set.of(new ModuleId(ss.subjectId().value())));
        assertThat(uncommitted.version()).isEqualTo(versionBefore + 1);
        tx.rollback();

        // Neither the publication row nor the message exists.
        assertThat(trust.latestBadIds().version()).isEqualTo(versionBefore);
        assertThat(messagesOnBadIdQueue()).isZero();
        Thread.sleep(2000); // an MDB that had received the message would have applied it by now
        assertThat(securityServers.securityServerSummary(ss.subjectId()).badIdListVersion()).isEqualTo(versionBefore);
    }

    @Test
    void aForgedBadIdListOnTheQueueIsDeadLetteredAndChangesNothing() throws Exception {
        Certificate ss = primaries.createSecurityServer();
        long held = securityServers.securityServerSummary(ss.subjectId()).badIdListVersion();
        KeyPair forger = Crypto.generateKeyPair(KeyLength.P521, new SecureRandom());
        BadIdList forged = BadIdList.sign(held + 1000, Set.of(ss.subjectId()), Instant.now(),
                trust.pssKeys().designated(), forger.getPrivate());
        int deadBefore = messagesOn("jms/ems/DeadLetter");

        ConnectionFactory cf = lookup("jms/ems/ConnectionFactory");
        try (JMSContext jms = cf.createContext()) {
            jms.createProducer().setProperty("ems_type", "security.badIdList")
                    .send(lookup("jms/ems/security/BadIdList"), forged.encoded());
        }

        await(() -> messagesOn("jms/ems/DeadLetter") > deadBefore);
        assertThat(securityServers.securityServerSummary(ss.subjectId()).badIdListVersion()).isEqualTo(held);
        assertThat(trust.latestBadIds().version()).isLessThan(held + 1000);
    }

    @Test
    void moduleKeysShorterThanThePolicyAndRolesASecurityServerMayNotCertifyAreRefused() {
        Certificate ss = primaries.createSecurityServer();
        assertThatThrownBy(() -> securityServers.certifyModule(ss.subjectId(), ModuleRole.SECURITY_SERVER,
                moduleKey().getPublic().getEncoded())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> securityServers.certifyModule(ss.subjectId(), ModuleRole.TRANSACTION, new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static KeyPair moduleKey() {
        return Crypto.generateKeyPair(KeyLength.P256, new SecureRandom());
    }

    private static int messagesOnBadIdQueue() throws NamingException {
        return messagesOn("jms/ems/security/BadIdList");
    }

    private static int messagesOn(String queueJndiName) {
        try {
            ConnectionFactory cf = lookup("jms/ems/ConnectionFactory");
            Queue queue = lookup(queueJndiName);
            try (JMSContext jms = cf.createContext()) {
                return Collections.list(jms.createBrowser(queue).getEnumeration()).size();
            }
        } catch (NamingException | jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) throws NamingException {
        return (T) new InitialContext().lookup(name);
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + DELIVERY_TIMEOUT);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
