package org.ems.network.signon;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.network.Forgery;
import org.ems.network.TestNetwork;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.signon.ModuleCertifier;
import org.ems.network.domain.signon.ModuleContext;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.network.domain.signon.SecurityServerContext;
import org.ems.network.domain.signon.SecurityServerState;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Test;

/** Sign-on from the clock check on: synchronisation, the signed update, and every recertification branch. */
class SignOnUpdateTest {

    static final TestNetwork NET = SignOnTest.NET;
    static final Instant LONG_AGO = TestNetwork.NOW.minus(Duration.ofDays(400));

    @Test
    void aClockOutOfRangeIsCorrectedAndTheSignOnGoesOn() {
        TestNetwork.Member member = NET.transactionModule();
        ModuleContext fast = NET.moduleContext(member, SignOnTest.clockAt(TestNetwork.NOW.plus(Duration.ofMinutes(10))));
        SignOnHarness run = new SignOnHarness(NET, fast, NET.securityServerContext()).start(Optional.empty()).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        assertThat(run.moduleState().clockOffset()).isEqualTo(Duration.ofMinutes(-10));
        assertThat(run.moduleState().timeReports()).isEqualTo(2);
        assertThat(run.ssState().timeChecks()).isEqualTo(2);
    }

    @Test
    void aClockThatNeverConvergesEndsInAClockMalfunctionAfterTheAllowedAttempts() {
        TestNetwork.Member member = NET.transactionModule();
        ModuleContext broken = NET.moduleContext(member, Forgery.brokenClock(TestNetwork.NOW, Duration.ofHours(1)));
        SignOnHarness run = new SignOnHarness(NET, broken, NET.securityServerContext()).start(Optional.empty()).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.CLOCK_MALFUNCTION);
        assertThat(run.moduleState().timeReports()).isEqualTo(TestNetwork.LIMITS.maxClockSyncAttempts());
        assertThat(run.ssState().outcome()).contains(Outcome.CLOCK_MALFUNCTION);
        assertThat(run.nsState().outcome()).contains(Outcome.TIMED_OUT);
        assertThat(Outcome.CLOCK_MALFUNCTION.toSubscriber()).contains("Retry");
        SignOnTest.assertNothingLinkedAndAllSettled(run);
    }

    @Test
    void anUpdateWhoseSignatureDoesNotVerifyTerminatesTheSession() {
        SignOnHarness run = SignOnTest.signOn(NET.transactionModule()).start(Optional.empty());
        run.network.runUntil(m -> m.kind() == MessageKind.CHANNEL && isSecurityServer(m.recipient())
                && run.ssState().phase() == SecurityServerState.Phase.AWAITING_TIME);
        SecureChannel ssBefore = run.ssState().channel().orElseThrow();
        run.network.deliver(0);
        NetworkMessage update = run.intercept(m -> m.kind() == MessageKind.CHANNEL);
        byte[] envelope = Forgery.open(run.moduleState().channel().orElseThrow(), update.body(), Purpose.SIGN_ON_UPDATE);
        byte[] tampered = Forgery.withBrokenSignature(envelope, Purpose.SIGN_ON_UPDATE, 4 * 1024 * 1024);
        run.inject(new NetworkMessage(MessageKind.CHANNEL, run.conversation, update.sender(), update.recipient(),
                Forgery.seal(ssBefore, Purpose.SIGN_ON_UPDATE, tampered)));
        run.finish();

        SignOnTest.assertTerminatedByModule(run, Outcome.SESSION_TERMINATED_BAD_SIGNATURE);
    }

    @Test
    void theModuleAdoptsNewerListsFromTheUpdate() {
        TestNetwork.Member member = NET.transactionModule();
        TestNetwork.Member blocked = NET.transactionModule();
        SecurityServerContext ss = NET.securityServerContext(NET.trustBadListing(blocked.id()), Optional.empty(), NET.certifier(),
                TestNetwork.CLOCK);
        SignOnHarness run = new SignOnHarness(NET, NET.moduleContext(member, TestNetwork.CLOCK), ss).start(Optional.empty()).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        assertThat(run.moduleState().update().orElseThrow().badIds().contains(blocked.id())).isTrue();
        assertThat(run.moduleState().update().orElseThrow().badIds().version()).isEqualTo(2);
    }

    @Test
    void anExpiredCertificateIsRenewedWithANewKeyOfThePolicyLength() {
        TestNetwork.Member expired = NET.module(ModuleRole.TRANSACTION, 12_600_000, LONG_AGO, TestNetwork.NOW.minusSeconds(1));
        SignOnHarness run = SignOnTest.signOn(expired).start(Optional.empty()).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        ModuleSignOnState.Recertification renewed = run.moduleState().recertification().orElseThrow();
        assertThat(renewed.certificate().subjectId()).isEqualTo(expired.id());
        assertThat(renewed.certificate().expiresAt()).isAfter(TestNetwork.NOW);
        assertThat(renewed.certificate().publicKey()).isNotEqualTo(expired.keys().getPublic());
        assertThat(KeyLength.of(renewed.privateKey())).isEqualTo(KeyLength.P256);
        assertThat(run.ssState().issued()).contains(renewed.certificate());
    }

    @Test
    void aGlobalRecertificationInForceRenewsCertificatesIssuedBeforeIt() {
        TestNetwork.Member member = NET.transactionModule(); // issued 30 days ago
        SecurityServerContext ss = NET.securityServerContext(NET.trust, Optional.of(NET.globalRecertification(
                TestNetwork.NOW.minus(Duration.ofDays(1)), TestNetwork.NOW.plus(Duration.ofDays(30)))), NET.certifier(), TestNetwork.CLOCK);
        SignOnHarness run = new SignOnHarness(NET, NET.moduleContext(member, TestNetwork.CLOCK), ss).start(Optional.empty()).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        assertThat(run.moduleState().recertification()).isPresent();
    }

    @Test
    void aModuleRecertifiedSinceTheGlobalCallOrAfterItsPeriodIsNotRenewedAgain() {
        TestNetwork.Member member = NET.transactionModule(); // issued 30 days ago
        SecurityServerContext since = NET.securityServerContext(NET.trust, Optional.of(NET.globalRecertification(
                TestNetwork.NOW.minus(Duration.ofDays(40)), TestNetwork.NOW.plus(Duration.ofDays(30)))), NET.certifier(), TestNetwork.CLOCK);
        SecurityServerContext over = NET.securityServerContext(NET.trust, Optional.of(NET.globalRecertification(
                TestNetwork.NOW.minus(Duration.ofDays(10)), TestNetwork.NOW.minus(Duration.ofDays(1)))), NET.certifier(), TestNetwork.CLOCK);
        for (SecurityServerContext ss : new SecurityServerContext[] {since, over}) {
            SignOnHarness run = new SignOnHarness(NET, NET.moduleContext(member, TestNetwork.CLOCK), ss).start(Optional.empty()).finish();
            assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
            assertThat(run.moduleState().recertification()).isEmpty();
        }
    }

    @Test
    void aLongerKeyLengthPolicyMakesTheModuleRecertifyWithALongerKey() {
        TestNetwork.Member member = NET.transactionModule();
        var longer = NET.trust.with(NET.pssKeyList, NET.noBadIds, NET.policy(2, KeyLength.P384));
        SecurityServerContext ss = NET.securityServerContext(longer, Optional.empty(), NET.certifier(), TestNetwork.CLOCK);
        SignOnHarness run = new SignOnHarness(NET, NET.moduleContext(member, TestNetwork.CLOCK), ss).start(Optional.empty()).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        assertThat(run.moduleState().recertification().orElseThrow().certificate().keyLength()).isEqualTo(KeyLength.P384);
        assertThat(run.moduleState().update().orElseThrow().policy().policy().version()).isEqualTo(2);
    }

    @Test
    void aRecertificationRequestNotSignedWithTheModulesKeyIsDenied() {
        TestNetwork.Member expired = NET.module(ModuleRole.TRANSACTION, 12_600_001, LONG_AGO, TestNetwork.NOW.minusSeconds(1));
        SignOnHarness run = SignOnTest.signOn(expired).start(Optional.empty());
        SecureChannel moduleBefore = channelBeforeModuleAnswers(run, ModuleSignOnState.Phase.AWAITING_TIME_VERDICT);
        NetworkMessage request = run.intercept(m -> m.kind() == MessageKind.CHANNEL);
        KeyPair impostor = Crypto.generateKeyPair(KeyLength.P256, NET.random);
        byte[] payload = Payloads.writer(Purpose.SIGN_ON_RECERTIFICATION_REQUEST, run.conversation)
                .putLong(expired.id().value()).putBytes(impostor.getPublic().getEncoded()).toBytes();
        byte[] signedByImpostor = SignedEnvelope.sign(payload, impostor.getPrivate()).encoded();
        run.inject(new NetworkMessage(MessageKind.CHANNEL, run.conversation, request.sender(), request.recipient(),
                Forgery.seal(moduleBefore, Purpose.SIGN_ON_RECERTIFICATION_REQUEST, signedByImpostor)));
        run.finish();

        SignOnTest.assertDenied(run, Outcome.RECERTIFICATION_DENIED);
        assertThat(run.ssState().issued()).isEmpty();
    }

    @Test
    void aNewCertificateTheModuleFindsInvalidIsReportedAndTheSecurityServerDeclaresAMalfunction() {
        TestNetwork.Member expired = NET.module(ModuleRole.TRANSACTION, 12_600_002, LONG_AGO, TestNetwork.NOW.minusSeconds(1));
        ModuleCertifier alreadyExpired = (id, role, key, now) -> CertificateIssuer.certifyModule(NET.securityServer.certificate(),
                NET.securityServer.keys().getPrivate(), id, role, key, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), NET.scheme);
        SecurityServerContext faulty = NET.securityServerContext(NET.trust, Optional.empty(), alreadyExpired, TestNetwork.CLOCK);
        SignOnHarness run = new SignOnHarness(NET, NET.moduleContext(expired, TestNetwork.CLOCK), faulty).start(Optional.empty()).finish();

        SignOnTest.assertDenied(run, Outcome.CERTIFICATE_MALFUNCTION);
        assertThat(run.moduleState().recertification()).isEmpty();
        assertThat(Outcome.CERTIFICATE_MALFUNCTION.toBank()).contains("retry");
    }

    @Test
    void aModuleThatReportsAValidNewCertificateAsInvalidIsDenied() {
        TestNetwork.Member expired = NET.module(ModuleRole.TRANSACTION, 12_600_003, LONG_AGO, TestNetwork.NOW.minusSeconds(1));
        SignOnHarness run = SignOnTest.signOn(expired).start(Optional.empty());
        SecureChannel moduleBefore = channelBeforeModuleAnswers(run, ModuleSignOnState.Phase.AWAITING_NEW_CERTIFICATE);
        NetworkMessage acknowledgement = run.intercept(m -> m.kind() == MessageKind.CHANNEL);
        Certificate issued = run.ssState().issued().orElseThrow();
        byte[] report = Payloads.writer(Purpose.SIGN_ON_CERTIFICATE_INVALID, run.conversation).putBytes(issued.encoded()).toBytes();
        run.inject(new NetworkMessage(MessageKind.CHANNEL, run.conversation, acknowledgement.sender(), acknowledgement.recipient(),
                Forgery.seal(moduleBefore, Purpose.SIGN_ON_CERTIFICATE_INVALID, report)));
        run.finish();

        SignOnTest.assertDenied(run, Outcome.SIGN_ON_DENIED_FALSE_CERTIFICATE_REPORT);
    }

    /** Runs until the SS's frame that the module answers in {@code phase} is next; returns the module's channel before it answers. */
    private static SecureChannel channelBeforeModuleAnswers(SignOnHarness run, ModuleSignOnState.Phase phase) {
        run.network.runUntil(m -> m.kind() == MessageKind.CHANNEL && !isSecurityServer(m.recipient()) && run.moduleState().phase() == phase);
        SecureChannel before = run.moduleState().channel().orElseThrow();
        run.network.deliver(0);
        return before;
    }

    private static boolean isSecurityServer(org.ems.network.domain.Address address) {
        return address instanceof ModuleAddress module && module.id().equals(NET.securityServer.id());
    }
}
