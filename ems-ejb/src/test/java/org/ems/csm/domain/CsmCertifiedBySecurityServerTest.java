package org.ems.csm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.csm.domain.AccountProfileTest.assertRejected;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ems.crypto.Crypto;
import org.ems.security.application.SecurityFixture;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The profile flows with a CSM and a money module certified by the security hierarchy's own
 * services (over the JTA harness), checked with the validator built from its trust anchors, and a
 * bad-ID list published by the primary security server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsmCertifiedBySecurityServerTest {

    private SecurityFixture f;
    private ModuleId ss;
    private CustomerServiceModule csm;
    private ModuleId module;

    /** One harness for the class (starting one costs seconds); each test certifies its own CSM and module. */
    @BeforeAll
    void startHierarchy() {
        f = new SecurityFixture("csm-hierarchy");
        f.tx(f.installation::install);
        ss = f.tx(f.primaries::createSecurityServer).subjectId();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @BeforeEach
    void certify() {
        KeyPair csmKeys = Crypto.generateKeyPair(f.tx(() -> f.trust.keyLengthPolicy().modules()), f.random);
        Certificate csmCert = f.tx(() -> f.securityServers.certifyModule(ss, ModuleRole.CUSTOMER_SERVICE, csmKeys.getPublic().getEncoded()));
        csm = new CustomerServiceModule(csmCert, csmKeys.getPrivate(), Duration.ofDays(365));
        KeyPair moduleKeys = Crypto.generateKeyPair(f.tx(() -> f.trust.keyLengthPolicy().modules()), f.random);
        module = f.tx(() -> f.securityServers.certifyModule(ss, ModuleRole.TRANSACTION, moduleKeys.getPublic().getEncoded())).subjectId();
    }

    private ProfileChecks checks() {
        return new ProfileChecks(f.tx(() -> f.trust.validator(f.trust.latestBadIds(), f.clock)));
    }

    @Test
    void aCertifiedCsmLinksAModuleAndATellerValidatesTheAccount() {
        assertThat(csm.id().value()).isNotZero();
        assertThat(f.tx(f.trust::scheme).isAuthentic(csm.id(), ModuleRole.CUSTOMER_SERVICE)).isTrue();

        AccountProfile profile = csm.createProfile(module, CsmFixtures.BANK, CsmFixtures.bankAccounts(), List.of(CsmFixtures.CHECKING),
                f.clock.instant());
        AccountProfiles linked = ProfileLink.offer(profile, module, checks(), f.clock.instant()).decide(true, AccountProfiles.empty(module));
        AccountProfile stored = linked.forBank(CsmFixtures.BANK).orElseThrow();

        f.clock.advance(Duration.ofDays(30));
        LinkedAccount account = new AccountNumberValidation(checks(), CsmFixtures.BANK)
                .validate(stored, CsmFixtures.CHECKING, module, f.clock.instant(), number -> true);
        assertThat(account.type()).isEqualTo(AccountType.DEPOSIT);
    }

    @Test
    void onceTheCsmIsBadListedItsProfilesAreRefused() {
        AccountProfile profile = csm.createProfile(module, CsmFixtures.BANK, CsmFixtures.bankAccounts(), List.of(CsmFixtures.CHECKING),
                f.clock.instant());
        f.tx(() -> f.primaries.addToBadIdList(Set.of(csm.id())));

        assertRejected(() -> ProfileLink.offer(profile, module, checks(), f.clock.instant()), ProfileRejection.CSM_BAD_LISTED);
        assertRejected(() -> new AccountNumberValidation(checks(), CsmFixtures.BANK)
                .validate(profile, CsmFixtures.CHECKING, module, f.clock.instant(), number -> true), ProfileRejection.CSM_BAD_LISTED);
    }

    @Test
    void aProfilePastItsCsmCertificateIsRefused() {
        AccountProfile profile = csm.createProfile(module, CsmFixtures.BANK, CsmFixtures.bankAccounts(), List.of(CsmFixtures.CHECKING),
                f.clock.instant());
        f.clock.advance(Duration.ofDays(366));
        assertRejected(() -> new AccountNumberValidation(checks(), CsmFixtures.BANK)
                .validate(profile, CsmFixtures.CHECKING, module, f.clock.instant(), number -> true), ProfileRejection.CSM_CERTIFICATE_INVALID);
    }
}
