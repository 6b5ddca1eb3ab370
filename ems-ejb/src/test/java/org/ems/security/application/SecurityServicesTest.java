package org.ems.security.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.InstalledNumberingScheme;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.RejectionReason;
import org.ems.security.domain.SecurityPublication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security hierarchy's application services in real JTA transactions over Hibernate and
 * Derby XA: what they persist, what they publish, and every refusal leaving the database as it was.
 */
class SecurityServicesTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecurityFixture f;

    @BeforeEach
    void start() {
        f = new SecurityFixture("security" + RUN.incrementAndGet());
        f.tx(f.installation::install);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void installingTwiceKeepsTheFirstHierarchy() {
        ModuleId first = f.tx(f.installation::install);
        ModuleId second = f.tx(f.installation::install);

        assertThat(second).isEqualTo(first);
        assertThat(f.tx(f.trust::scheme).isAuthentic(first, ModuleRole.PRIMARY_SECURITY_SERVER)).isTrue();
        assertThat(f.tx(() -> f.trust.pssKeys().version())).isEqualTo(1);
        assertThat(f.tx(() -> f.trust.latestBadIds().version())).isEqualTo(1);
    }

    @Test
    void certifiedModulesGetUniqueAuthenticIdsOfTheirRole() {
        Certificate ss = f.tx(f.primaries::createSecurityServer);
        Set<ModuleId> ids = new HashSet<>();
        for (ModuleRole role : CertificateRoles.MODULES) {
            for (int i = 0; i < 25; i++) {
                Certificate module = f.tx(() -> f.securityServers.certifyModule(ss.subjectId(), role, p256()));
                assertThat(f.tx(f.trust::scheme).isAuthentic(module.subjectId(), role)).isTrue();
                ids.add(module.subjectId());
            }
        }
        assertThat(ids).hasSize(CertificateRoles.MODULES.size() * 25);
    }

    @Test
    void aBadIdListIsPublishedDistributedAndEnforcedOnlyOnceReceived() {
        Certificate ss = f.tx(f.primaries::createSecurityServer);
        Certificate module = f.tx(() -> f.securityServers.certifyModule(ss.subjectId(), ModuleRole.TRANSACTION, p256()));

        BadIdList published = f.tx(() -> f.primaries.addToBadIdList(Set.of(module.subjectId())));

        assertThat(published.version()).isEqualTo(2);
        assertThat(f.network.badIdLists).hasSize(1);
        // Not yet delivered: the security server still validates with the list it holds.
        f.txRun(() -> f.securityServers.validateModule(ss.subjectId(), module.encoded(), ModuleRole.TRANSACTION));

        BadIdListReceipt receipt = f.tx(() -> f.securityServers.receiveBadIdList(f.network.badIdLists.get(0)));

        assertThat(receipt.outcome()).isEqualTo(BadIdListReceipt.Outcome.ACCEPTED);
        assertRejected(() -> f.securityServers.validateModule(ss.subjectId(), module.encoded(), ModuleRole.TRANSACTION),
                RejectionReason.BAD_LISTED);
        // A redelivery changes nothing.
        assertThat(f.tx(() -> f.securityServers.receiveBadIdList(f.network.badIdLists.get(0))).outcome())
                .isEqualTo(BadIdListReceipt.Outcome.ALREADY_HELD);
    }

    @Test
    void aForgedBadIdListIsRejectedAndChangesNothing() {
        Certificate ss = f.tx(f.primaries::createSecurityServer);
        KeyPair forger = Crypto.generateKeyPair(KeyLength.P521, RANDOM);
        ModuleId designated = f.tx(() -> f.trust.pssKeys().designated());
        BadIdList forged = BadIdList.sign(9, Set.of(ss.subjectId()), f.clock.instant(), designated, forger.getPrivate());

        BadIdListReceipt receipt = f.tx(() -> f.securityServers.receiveBadIdList(forged.encoded()));

        assertThat(receipt.outcome()).isEqualTo(BadIdListReceipt.Outcome.REJECTED);
        assertThat(f.tx(() -> f.securityServers.securityServerSummary(ss.subjectId()).badIdListVersion())).isEqualTo(1);
        assertThat(f.tx(() -> f.trust.latestBadIds().version())).isEqualTo(1);
        assertThat(f.tx(() -> f.securityServers.receiveBadIdList(new byte[] {1, 2, 3})).outcome())
                .isEqualTo(BadIdListReceipt.Outcome.REJECTED);
    }

    @Test
    void aBadListedSecurityServerCertifiesNothing() {
        Certificate ss = f.tx(f.primaries::createSecurityServer);
        f.tx(() -> f.primaries.addToBadIdList(Set.of(ss.subjectId())));
        f.tx(() -> f.securityServers.receiveBadIdList(f.network.badIdLists.get(0)));
        long modulesBefore = f.tx(() -> countModules());

        assertRejected(() -> f.securityServers.certifyModule(ss.subjectId(), ModuleRole.TELLER, p256()), RejectionReason.BAD_LISTED);
        assertThat(f.tx(() -> countModules())).isEqualTo(modulesBefore);
    }

    @Test
    void anExpiredSecurityServerCertifiesNothing() {
        Certificate ss = f.tx(f.primaries::createSecurityServer);
        f.clock.advance(Duration.ofDays(731));

        assertRejected(() -> f.securityServers.certifyModule(ss.subjectId(), ModuleRole.TELLER, p256()), RejectionReason.EXPIRED);
    }

    @Test
    void theKeyLengthPolicyOnlyGrowsAndIsEnforcedOnModuleKeys() {
        Certificate ss = f.tx(f.primaries::createSecurityServer);
        f.tx(() -> f.primaries.changeKeyLengthPolicy(KeyLength.P384, KeyLength.P384));

        assertRejected(() -> f.securityServers.certifyModule(ss.subjectId(), ModuleRole.TRANSACTION, p256()),
                RejectionReason.KEY_TOO_SHORT);
        byte[] p384 = Crypto.generateKeyPair(KeyLength.P384, RANDOM).getPublic().getEncoded();
        assertThat(f.tx(() -> f.securityServers.certifyModule(ss.subjectId(), ModuleRole.TRANSACTION, p384)).keyLength())
                .isEqualTo(KeyLength.P384);
        assertThat(f.tx(f.primaries::createSecurityServer).keyLength()).isEqualTo(KeyLength.P384);
        assertThatThrownBy(() -> f.tx(() -> f.primaries.changeKeyLengthPolicy(KeyLength.P256, KeyLength.P384)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(f.tx(() -> f.trust.keyLengthPolicy().version())).isEqualTo(2);
    }

    @Test
    void globalRecertificationCoversCertificatesIssuedBeforeItsWindow() {
        Certificate ss = f.tx(f.primaries::createSecurityServer);
        Certificate old = f.tx(() -> f.securityServers.certifyModule(ss.subjectId(), ModuleRole.TRANSACTION, p256()));
        f.clock.advance(Duration.ofHours(1));
        ModuleId pss = f.tx(() -> f.trust.pssKeys().designated());

        f.tx(() -> f.primaries.callGlobalRecertification(pss, f.clock.instant(), f.clock.instant().plus(Duration.ofDays(7))));
        f.clock.advance(Duration.ofMinutes(1));
        Certificate renewed = f.tx(() -> f.securityServers.certifyModule(ss.subjectId(), ModuleRole.TRANSACTION, p256()));

        assertThat(f.tx(() -> f.securityServers.requiresRecertification(old.encoded()))).isTrue();
        assertThat(f.tx(() -> f.securityServers.requiresRecertification(renewed.encoded()))).isFalse();
        assertThatThrownBy(() -> f.tx(() -> f.primaries.callGlobalRecertification(new ModuleId(12345), f.clock.instant(),
                f.clock.instant().plus(Duration.ofDays(1))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAddedPrimarySecurityServerJoinsTheSignedKeyList() {
        ModuleId added = f.tx(f.primaries::addPrimarySecurityServer);

        assertThat(f.tx(() -> f.trust.pssKeys().keyOf(added))).isPresent();
        assertThat(f.tx(() -> f.trust.pssKeys().version())).isEqualTo(2);
        assertThat(f.tx(f.trust::scheme).isAuthentic(added, ModuleRole.PRIMARY_SECURITY_SERVER)).isTrue();
    }

    @Test
    void theNumberingSchemeIsBuiltOnceForTheValuesItsRowHolds() {
        NumberingScheme first = f.tx(f.trust::scheme);
        NumberingScheme again = f.tx(f.trust::scheme);                          // another transaction loads the row again
        assertThat(again).isSameAs(first);
        assertThat(again.p()).isEqualTo(f.tx(() -> f.harness.currentEntityManager()
                .find(InstalledNumberingScheme.class, InstalledNumberingScheme.SINGLETON).scheme().p()));
    }

    @Test
    void aTamperedPublicationRowIsRefusedWhenReadEvenAfterItsGoodBytesWereVerified() {
        BadIdList verified = f.tx(f.trust::latestBadIds);
        assertThat(f.tx(f.trust::latestBadIds)).isSameAs(verified);             // verified once, remembered by its bytes
        f.txRun(() -> {
            SecurityPublication row = f.harness.currentEntityManager()
                    .createQuery("select p from SecurityPublication p where p.kind = :k", SecurityPublication.class)
                    .setParameter("k", SecurityPublication.Kind.BAD_ID_LIST).getSingleResult();
            byte[] bytes = row.encoded();
            bytes[bytes.length / 2] ^= 0x01;
            f.harness.currentEntityManager().createQuery("update SecurityPublication p set p.encoded = :e where p.kind = :k")
                    .setParameter("e", bytes).setParameter("k", SecurityPublication.Kind.BAD_ID_LIST).executeUpdate();
        });

        assertThatThrownBy(() -> f.tx(f.trust::latestBadIds)).isInstanceOf(CertificateRejectedException.class);
    }

    @Test
    void aPssKeyListAlteredAfterItWasVerifiedIsRefusedWhenReadAgain() {
        assertThat(f.tx(() -> f.trust.pssKeys().version())).isEqualTo(1); // verified once, remembered
        f.txRun(() -> {
            var em = f.harness.currentEntityManager();
            SecurityPublication row = em.createQuery("select p from SecurityPublication p where p.kind = :k", SecurityPublication.class)
                    .setParameter("k", SecurityPublication.Kind.PSS_KEY_LIST).getSingleResult();
            byte[] bytes = row.encoded();
            bytes[bytes.length - 3] ^= 0x01;
            em.createQuery("update SecurityPublication p set p.encoded = :e where p.kind = :k")
                    .setParameter("e", bytes).setParameter("k", SecurityPublication.Kind.PSS_KEY_LIST).executeUpdate();
        });

        assertThatThrownBy(() -> f.tx(f.trust::pssKeys)).isInstanceOf(CertificateRejectedException.class);
    }

    @Test
    void addingNoIdsOrAPrimaryServerToTheBadIdListIsRefused() {
        ModuleId pss = f.tx(() -> f.trust.pssKeys().designated());
        assertThatThrownBy(() -> f.tx(() -> f.primaries.addToBadIdList(Set.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.tx(() -> f.primaries.addToBadIdList(Set.of(pss)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.network.badIdLists).isEmpty();
        assertThat(f.tx(() -> f.trust.latestBadIds().version())).isEqualTo(1);
    }

    private long countModules() {
        return f.harness.currentEntityManager().createQuery("select count(m) from CertifiedModule m", Long.class).getSingleResult();
    }

    private void assertRejected(Runnable call, RejectionReason reason) {
        assertThatThrownBy(() -> f.txRun(call))
                .isInstanceOf(CertificateRejectedException.class)
                .extracting(e -> ((CertificateRejectedException) e).reason())
                .isEqualTo(reason);
    }

    private static byte[] p256() {
        return Crypto.generateKeyPair(KeyLength.P256, RANDOM).getPublic().getEncoded();
    }

    /** The roles a security server certifies. */
    private static final class CertificateRoles {
        static final Set<ModuleRole> MODULES = org.ems.security.domain.CertificateIssuer.MODULE_ROLES;
    }
}
