package org.ems.network.signon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.ems.crypto.KeyLength;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.crypto.Purpose;
import org.ems.network.Forgery;
import org.ems.network.TestNetwork;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.Payloads;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.signon.ModuleSignOnState;
import org.ems.network.domain.signon.NetworkServerState;
import org.ems.network.domain.signon.SecurityServerState;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Test;

/**
 * Network sign-on (figure 6) through its first branches: the normal path, the module's
 * certificate (invalid, bad-listed, expired), the security server's certificate (invalid,
 * bad-listed), the wrong SS verification message, and what the subscriber or bank is told.
 * Clock synchronisation, the update and recertification: {@link SignOnUpdateTest}; V, timeouts,
 * sign-off, routing and redelivery: {@link SignOnLinkTest}.
 */
class SignOnTest {

    static final TestNetwork NET = new TestNetwork(KeyLength.P256, 6);

    static SignOnHarness signOn(TestNetwork.Member member) {
        return new SignOnHarness(NET, NET.moduleContext(member, TestNetwork.CLOCK), NET.securityServerContext());
    }

    @Test
    void aModuleWithAValidCertificateSignsOnAndIsLinkedToItsDestination() {
        TestNetwork.Member bank = NET.tellerModule();
        SignOnHarness run = signOn(NET.transactionModule()).start(Optional.of(SignOnHarness.address(bank))).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        assertThat(run.nsState().isLinked()).isTrue();
        assertThat(run.nsState().destination()).contains(SignOnHarness.address(bank));
        assertThat(run.ssState().isApproved()).isTrue();
        assertThat(run.moduleState().link().orElseThrow().k()).isEqualTo(run.nsState().k().orElseThrow());
        assertThat(run.moduleState().recertification()).isEmpty();
        assertThat(run.moduleState().update()).isPresent();
        assertThat(run.network.allSettled()).isTrue();
        assertThat(run.module.outcomes()).containsExactly(Outcome.SIGNED_ON);
        assertThat(run.networkServer.outcomes()).containsExactly(Outcome.SIGNED_ON);
        assertThat(run.securityServer.outcomes()).containsExactly(Outcome.SIGN_ON_APPROVED);
    }

    @Test
    void aModuleMaySignOnWithoutADestination() {
        SignOnHarness run = signOn(NET.transactionModule()).start(Optional.empty()).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        assertThat(run.nsState().destination()).isEmpty();
    }

    @Test
    void anInvalidModuleCertificateIsDeniedAndTheDenialReachesTheModuleSealedToItsKey() {
        TestNetwork.Member genuine = NET.transactionModule();
        TestNetwork.Member forged = new TestNetwork.Member(genuine.id(), genuine.keys(), Forgery.withBrokenSignature(genuine.certificate()));
        SignOnHarness run = signOn(forged).start(Optional.empty());
        NetworkMessage denied = run.network.runUntil(m -> m.kind() == MessageKind.SIGN_ON_DENIED) ? run.network.inFlight().get(0) : null;
        run.finish();

        assertDenied(run, Outcome.SIGN_ON_DENIED_INVALID_CERTIFICATE);
        assertThat(denied).isNotNull();
        assertThat(PublicKeyEncryption.open(genuine.keys().getPrivate(), Purpose.SIGN_ON_DENIAL, denied.body())).isNotEmpty();
    }

    @Test
    void aCertificateFromAnUnknownSecurityHierarchyIsDenied() {
        TestNetwork other = new TestNetwork(KeyLength.P256, 99);
        TestNetwork.Member stranger = other.transactionModule();
        SignOnHarness run = new SignOnHarness(NET, other.moduleContext(stranger, TestNetwork.CLOCK), NET.securityServerContext())
                .start(Optional.empty()).finish();

        assertDenied(run, Outcome.SIGN_ON_DENIED_INVALID_CERTIFICATE);
    }

    @Test
    void aBadListedModuleIsDenied() {
        TestNetwork.Member member = NET.transactionModule();
        SignOnHarness run = new SignOnHarness(NET, NET.moduleContext(member, TestNetwork.CLOCK),
                NET.securityServerContext(NET.trustBadListing(member.id()), Optional.empty(), NET.certifier(), TestNetwork.CLOCK))
                .start(Optional.empty()).finish();

        assertDenied(run, Outcome.SIGN_ON_DENIED_BAD_ID);
    }

    @Test
    void anExpiredModuleCertificateIsNotDeniedButRecertified() {
        TestNetwork.Member expired = NET.module(ModuleRole.TRANSACTION, 12_500_000, TestNetwork.NOW.minus(Duration.ofDays(400)),
                TestNetwork.NOW.minus(Duration.ofDays(1)));
        SignOnHarness run = signOn(expired).start(Optional.empty()).finish();

        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
        assertThat(run.moduleState().recertification()).isPresent();
    }

    @Test
    void aSecurityServerCertificateTheModuleFindsInvalidTerminatesTheSessionAndNothingIsLinked() {
        TestNetwork.Member member = NET.transactionModule();
        var ssContext = NET.securityServerContext();
        var rogue = new org.ems.network.domain.signon.SecurityServerContext(Forgery.securityServerCertificateFromRoguePss(NET),
                ssContext.privateKey(), ssContext.trust(), ssContext.networkServerKeys(), ssContext.globalRecertification(),
                ssContext.certifier(), ssContext.clock(), ssContext.random(), ssContext.limits());
        SignOnHarness run = new SignOnHarness(NET, NET.moduleContext(member, TestNetwork.CLOCK), rogue).start(Optional.empty()).finish();

        assertTerminatedByModule(run, Outcome.SESSION_TERMINATED_INVALID_CERTIFICATE);
    }

    @Test
    void aBadListedSecurityServerTerminatesTheSession() {
        TestNetwork.Member member = NET.transactionModule();
        var moduleContext = new org.ems.network.domain.signon.ModuleContext(member.certificate(), member.keys().getPrivate(),
                NET.trustBadListing(NET.securityServer.id()), NET.networkServer, TestNetwork.CLOCK, NET.random, TestNetwork.LIMITS);
        SignOnHarness run = new SignOnHarness(NET, moduleContext, NET.securityServerContext()).start(Optional.empty()).finish();

        assertTerminatedByModule(run, Outcome.SESSION_TERMINATED_BAD_ID);
    }

    @Test
    void aWrongSecurityServerVerificationMessageIsDenied() {
        SignOnHarness run = signOn(NET.transactionModule()).start(Optional.empty());
        NetworkMessage response = run.intercept(m -> m.kind() == MessageKind.SIGN_ON_RESPONSE);
        var payload = Payloads.writer(Purpose.SIGN_ON_RESPONSE, run.conversation);
        SecretValue.random(NET.random).write(payload); // not the SS's verification message
        SecretValue.random(NET.random).write(payload);
        run.inject(new NetworkMessage(MessageKind.SIGN_ON_RESPONSE, run.conversation, response.sender(), response.recipient(),
                PublicKeyEncryption.seal(NET.securityServer.keys().getPublic(), Purpose.SIGN_ON_RESPONSE, payload.toBytes())));
        run.finish();

        assertDenied(run, Outcome.SIGN_ON_DENIED_WRONG_SS_VERIFICATION);
    }

    @Test
    void aChallengeThatDoesNotOpenWithTheModulesKeyChangesNothing() {
        SignOnHarness run = signOn(NET.transactionModule()).start(Optional.empty());
        NetworkMessage challenge = run.intercept(m -> m.kind() == MessageKind.SIGN_ON_CHALLENGE);
        ModuleSignOnState before = run.moduleState();
        run.inject(new NetworkMessage(challenge.kind(), challenge.conversation(), challenge.sender(), challenge.recipient(),
                Forgery.flipLastByte(challenge.body())));
        run.network.deliver(0);

        assertThat(run.moduleState().encode()).isEqualTo(before.encode());
        run.inject(challenge);
        run.finish();
        assertThat(run.moduleOutcome()).contains(Outcome.SIGNED_ON);
    }

    @Test
    void theSubscriberOrTheBankIsToldAccordingToTheModulesRole() {
        TestNetwork.Member teller = NET.tellerModule();
        SignOnHarness run = new SignOnHarness(NET, NET.moduleContext(teller, TestNetwork.CLOCK),
                NET.securityServerContext(NET.trustBadListing(teller.id()), Optional.empty(), NET.certifier(), TestNetwork.CLOCK))
                .start(Optional.empty()).finish();

        Outcome outcome = run.moduleOutcome().orElseThrow();
        assertThat(outcome.messageFor(ModuleRole.TELLER)).isEqualTo(outcome.toBank()).contains("bad-ID list");
        assertThat(outcome.messageFor(ModuleRole.TRANSACTION)).isEqualTo(outcome.toSubscriber()).contains("blocked");
    }

    /** Denied by the SS: the NS noted it and disconnected, the module was told, nobody is linked. */
    static void assertDenied(SignOnHarness run, Outcome outcome) {
        assertThat(run.moduleOutcome()).contains(outcome);
        assertThat(run.nsState().phase()).isEqualTo(NetworkServerState.Phase.ENDED);
        assertThat(run.nsState().outcome()).contains(outcome);
        assertThat(run.ssState().phase()).isEqualTo(SecurityServerState.Phase.ENDED);
        assertThat(run.ssState().isApproved()).isFalse();
        assertNothingLinkedAndAllSettled(run);
    }

    /** The module ended the sign-on; the SS and NS gave up when their timers fired. */
    static void assertTerminatedByModule(SignOnHarness run, Outcome outcome) {
        assertThat(run.moduleOutcome()).contains(outcome);
        assertThat(run.ssState().outcome()).contains(Outcome.TIMED_OUT);
        assertThat(run.nsState().outcome()).contains(Outcome.TIMED_OUT);
        assertNothingLinkedAndAllSettled(run);
    }

    static void assertNothingLinkedAndAllSettled(SignOnHarness run) {
        assertThat(run.moduleState().isSignedOn()).isFalse();
        assertThat(run.moduleState().link()).isEmpty();
        assertThat(run.nsState().isLinked()).isFalse();
        assertThat(run.nsState().k()).isEmpty();
        assertThat(run.network.allSettled()).isTrue();
    }

    static Clock clockAt(java.time.Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
